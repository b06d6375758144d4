import { InvalidInputError, isSuppressed, OutOfScopeError } from '@km/common';
import { MonitoringModule, MonitoringService } from '@km/monitoring';
import { insertNeed, NeedSpec } from '../support/builders';
import { atDay, dayOfMonth, monthEnd } from '../support/monitoring-fixtures';
import { callerAs, IntegrationContext, startIntegration } from '../support/integration';

describe('MonitoringService (integration)', () => {
  let ctx: IntegrationContext;
  let monitoring: MonitoringService;
  const admin = callerAs('admin');
  const regionalOrebro = callerAs('regional', ['1880'], { countyCode: '18' });
  /** A need received in the middle of last month: the period regional staff see by default. */
  const lastMonthNeed = (spec: Omit<NeedSpec, 'status' | 'createdAt'>) =>
    insertNeed(ctx.db, { ...spec, status: 'received', createdAt: atDay(dayOfMonth(-1, 15)) });

  beforeAll(async () => {
    ctx = await startIntegration([MonitoringModule]);
    monitoring = ctx.get(MonitoringService);
  });
  afterAll(() => ctx?.close());

  describe('scope', () => {
    it('gives regional staff their own county and refuses another (403)', async () => {
      const own = await monitoring.resolveScope(regionalOrebro, {});
      expect(own).toMatchObject({
        countyCode: '18',
        countyName: 'Örebro län',
        audience: 'regional',
      });
      await expect(
        monitoring.resolveScope(regionalOrebro, { countyCode: '04' }),
      ).rejects.toBeInstanceOf(OutOfScopeError);
    });

    it('gives an admin the whole country without a county, and refuses an unknown county (400)', async () => {
      expect(await monitoring.resolveScope(admin, {})).toMatchObject({
        countyCode: null,
        audience: 'admin',
      });
      await expect(monitoring.resolveScope(admin, { countyCode: '99' })).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    });

    it('refuses roles without monitoring (403)', async () => {
      await expect(
        monitoring.resolveScope(callerAs('broker', ['1880']), {}),
      ).rejects.toBeInstanceOf(OutOfScopeError);
    });
  });

  describe('summary', () => {
    it('counts the needs of last month, employers and participants of the county, and hides a figure of two employers', async () => {
      const scope = await monitoring.resolveScope(admin, { countyCode: '18' });
      expect(scope.period.to).toBe(monthEnd(-1));
      const empty = await monitoring.summary(scope);
      expect(empty).toMatchObject({ countyCode: '18', needs: 0, employers: 0 });

      // Two employers: below the disclosure threshold, so the figures are suppressed.
      await lastMonthNeed({ municipalityCode: '1880' });
      await lastMonthNeed({ municipalityCode: '1882', participants: 4 });
      const two = await monitoring.summary(scope);
      expect(isSuppressed(two.needs)).toBe(true);
      expect(isSuppressed(two.employers)).toBe(true);

      // A third employer, and a need elsewhere that the county never sees.
      await lastMonthNeed({ municipalityCode: '1880', participants: 5 });
      // This month's needs are not in last month's figures.
      await insertNeed(ctx.db, { municipalityCode: '1880', status: 'received' });
      await lastMonthNeed({ municipalityCode: '0484' });
      const three = await monitoring.summary(scope);
      expect(three).toMatchObject({ needs: 3, employers: 3, participantsRequested: 3 + 4 + 5 });

      const country = await monitoring.summary(await monitoring.resolveScope(admin, {}));
      expect(country).toMatchObject({ needs: 4, employers: 4 });
    });

    it('gives the same figures in the report as in the summary', async () => {
      const scope = await monitoring.resolveScope(admin, { countyCode: '18' });
      const [summary, report] = await Promise.all([
        monitoring.summary(scope),
        monitoring.report(scope),
      ]);
      expect(report.summary).toEqual(summary);
      const needs = monitoring.timeseries(report.series, 'needs');
      expect(needs.points.reduce((sum, p) => sum + (p.value as number), 0)).toBe(3);
    });
  });
});
