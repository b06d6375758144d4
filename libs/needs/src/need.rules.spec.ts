import { addYears, isCalendarDate, needRuleProblems, swedishToday } from './need.rules';

const TODAY = '2027-01-15';
const valid = {
  employer: { orgNumber: '556036-0793' },
  participants: { total: 4, women: 1, men: 3 },
  earliestStart: '2027-02-01',
  latestEnd: '2027-06-30',
};
const codes = (input: object) =>
  needRuleProblems({ ...valid, ...input }, TODAY).map((p) => `${p.field}:${p.code}`);

describe('needRuleProblems', () => {
  it('accepts a valid need', () => {
    expect(needRuleProblems(valid, TODAY)).toEqual([]);
  });

  it.each([
    [{ employer: { orgNumber: '556036-0794' } }, 'employer.orgNumber:orgNumber.checksum'],
    [{ employer: { orgNumber: '551036-0793' } }, 'employer.orgNumber:orgNumber.group'],
    [{ employer: { orgNumber: '55603-0793' } }, 'employer.orgNumber:orgNumber.format'],
    [{ participants: { total: 3, women: 2, men: 2 } }, 'participants:participants.split'],
    [{ earliestStart: '2027-01-14' }, 'earliestStart:date.past'],
    [{ earliestStart: '2027-02-30' }, 'earliestStart:date.invalid'],
    [{ latestEnd: '2027-02-01' }, 'latestEnd:date.order'],
    [{ latestEnd: '2027-01-31' }, 'latestEnd:date.order'],
    [{ latestEnd: '2029-01-16' }, 'latestEnd:date.tooFar'],
    [{ latestEnd: '2027-13-01' }, 'latestEnd:date.invalid'],
  ])('%j → %s', (input, expected) => {
    expect(codes(input)).toEqual([expected]);
  });

  it('accepts today as the earliest start, a split below the total and an end exactly two years ahead', () => {
    expect(codes({ earliestStart: TODAY })).toEqual([]);
    expect(codes({ participants: { total: 5, women: 1, men: 1 } })).toEqual([]);
    expect(codes({ latestEnd: '2029-01-15' })).toEqual([]);
  });

  it('skips what the shape check reports (wrong types, missing fields)', () => {
    expect(
      needRuleProblems(
        { employer: { orgNumber: 5560360793 }, participants: { total: '4' }, earliestStart: 1 },
        TODAY,
      ),
    ).toEqual([]);
    expect(needRuleProblems({}, TODAY)).toEqual([]);
  });
});

describe('date helpers', () => {
  it('knows calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-2-1')).toBe(false);
    expect(isCalendarDate(20270201)).toBe(false);
  });

  it('adds years', () => {
    expect(addYears('2027-01-15', 2)).toBe('2029-01-15');
    expect(addYears('2028-02-29', 1)).toBe('2029-03-01');
  });

  it('tells the Swedish date around midnight UTC', () => {
    expect(swedishToday(new Date('2027-01-14T23:30:00Z'))).toBe('2027-01-15');
    expect(swedishToday(new Date('2027-07-14T22:30:00Z'))).toBe('2027-07-15');
  });
});
