import { isUniqueViolation, storeOncePerForm } from './once-per-form';

const violation = (constraint: string) =>
  Object.assign(new Error('duplicate key'), { driverError: { code: '23505', constraint } });

describe('storeOncePerForm', () => {
  it('answers with what the form stored first, without storing again', async () => {
    const store = jest.fn(async () => 'new');
    await expect(storeOncePerForm(async () => 'first', store, 'UQ_x')).resolves.toBe('first');
    expect(store).not.toHaveBeenCalled();
  });

  it('stores when the form has stored nothing yet', async () => {
    await expect(
      storeOncePerForm(
        async () => undefined,
        async () => 'new',
        'UQ_x',
      ),
    ).resolves.toBe('new');
  });

  it('the loser of two posts at once answers with the winner’s', async () => {
    const earlier = jest.fn().mockResolvedValueOnce(undefined).mockResolvedValueOnce('winner');
    const lost = async () => {
      throw violation('UQ_x');
    };
    await expect(storeOncePerForm(earlier, lost, 'UQ_x')).resolves.toBe('winner');
  });

  it('any other failure is not swallowed', async () => {
    const other = async () => {
      throw violation('UQ_other');
    };
    await expect(storeOncePerForm(async () => undefined, other, 'UQ_x')).rejects.toThrow(
      'duplicate key',
    );
    expect(isUniqueViolation(new Error('x'), 'UQ_x')).toBe(false);
    expect(isUniqueViolation(undefined, 'UQ_x')).toBe(false);
  });
});
