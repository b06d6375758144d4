import fc from 'fast-check';
import {
  OrganisationNumber,
  withLuhnDigit as withCheckDigit,
} from './organisation-number.value-object';

describe('OrganisationNumber', () => {
  it.each(['556036-0793', '5560360793', '556703-7485', '212000-0142', ' 802002-4280 '])(
    'accepts %s',
    (input) => {
      const parsed = OrganisationNumber.parse(input);
      expect(parsed.ok).toBe(true);
    },
  );

  it('normalises to ten digits and formats with a hyphen', () => {
    const parsed = OrganisationNumber.parse('5560360793');
    if (!parsed.ok) throw new Error('expected valid');
    expect(parsed.value.digits).toBe('5560360793');
    expect(parsed.value.formatted).toBe('556036-0793');
    expect(parsed.value.legalForm).toBe('aktiebolag');
    expect(String(parsed.value)).toBe('556036-0793');
  });

  it.each([
    ['', 'format'],
    ['556036-079', 'format'],
    ['55603607931', 'format'],
    ['556036 0793', 'format'],
    ['5560-360793', 'format'],
    ['abcdef-ghij', 'format'],
    ['556036–0793', 'format'], // en dash
    ['551036-0793', 'group'], // digits 3–4 = 10: a personnummer month
    ['811218-9876', 'group'],
    ['556036-0794', 'checksum'],
    ['556703-7484', 'checksum'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(OrganisationNumber.parse(input)).toEqual({ ok: false, problem });
  });

  it('a valid number stays valid with or without the hyphen, and any one-digit change breaks it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 20, max: 99 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (first, second, group, rest, position, delta) => {
          const nine = `${first}${second}${group}${String(rest).padStart(5, '0')}`;
          const ten = withCheckDigit(nine);
          expect(OrganisationNumber.isValid(ten)).toBe(true);
          expect(OrganisationNumber.isValid(`${ten.slice(0, 6)}-${ten.slice(6)}`)).toBe(true);
          const changed =
            ten.slice(0, position) +
            ((Number(ten[position]) + delta) % 10) +
            ten.slice(position + 1);
          // Luhn catches every single-digit error (the group rule may catch it first).
          expect(OrganisationNumber.isValid(changed)).toBe(false);
        },
      ),
    );
  });
});
