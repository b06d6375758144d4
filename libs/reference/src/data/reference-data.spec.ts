import { THEME_SV } from '@km/labels';
import { COUNTIES } from './counties.data';
import { MUNICIPALITIES } from './municipalities.data';
import { LEARNING_CENTRES, learningCentreContact } from './learning-centres.data';
import { COMPETENCE_AREAS, COMPETENCES } from './competences.data';
import { SIZE_BANDS, SNI_SECTIONS } from './sni.data';

const LC_KOMP_CODES = [
  ...['0382', '0360'], // Uppsala län
  ...['1885', '1883', '1864', '1863', '1880', '1882', '1861', '1860'], // Örebro län
  ...['0513', '0583', '0561'], // Östergötlands län
  ...['0482', '0480', '0486', '0483', '0428'], // Södermanlands län
  ...['1981', '1904', '1982', '1962'], // Västmanlands län
];

describe('reference data', () => {
  describe('counties', () => {
    it('has the 21 counties with unique two-digit codes', () => {
      expect(COUNTIES).toHaveLength(21);
      expect(COUNTIES.map((c) => c.code)).toEqual([
        '01',
        '03',
        '04',
        '05',
        '06',
        '07',
        '08',
        '09',
        '10',
        '12',
        '13',
        '14',
        '17',
        '18',
        '19',
        '20',
        '21',
        '22',
        '23',
        '24',
        '25',
      ]);
      expect(new Set(COUNTIES.map((c) => c.name)).size).toBe(21);
      for (const c of COUNTIES) expect(c.name).toMatch(/ län$/);
    });
  });

  describe('municipalities', () => {
    it('has 290 municipalities with unique four-digit codes and names', () => {
      expect(MUNICIPALITIES).toHaveLength(290);
      const codes = MUNICIPALITIES.map((m) => m.code);
      for (const code of codes) expect(code).toMatch(/^\d{4}$/);
      expect(new Set(codes).size).toBe(290);
      expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(290);
    });

    it('links every municipality to an existing county equal to its code prefix', () => {
      const countyCodes = new Set(COUNTIES.map((c) => c.code));
      for (const m of MUNICIPALITIES) {
        expect(countyCodes.has(m.countyCode)).toBe(true);
        expect(m.code.slice(0, 2)).toBe(m.countyCode);
      }
      // every county has at least one municipality
      expect(new Set(MUNICIPALITIES.map((m) => m.countyCode)).size).toBe(21);
    });

    it('places every seat inside Sweden', () => {
      for (const m of MUNICIPALITIES) {
        expect(m.lat).toBeGreaterThanOrEqual(55.3);
        expect(m.lat).toBeLessThanOrEqual(69.1);
        expect(m.lon).toBeGreaterThanOrEqual(10.9);
        expect(m.lon).toBeLessThanOrEqual(24.2);
      }
    });

    it('has plausible populations', () => {
      for (const m of MUNICIPALITIES) expect(m.population).toBeGreaterThan(2000);
      const total = MUNICIPALITIES.reduce((sum, m) => sum + m.population, 0);
      expect(total).toBeGreaterThanOrEqual(10_000_000);
      expect(total).toBeLessThanOrEqual(10_800_000);
    });

    it('contains the named examples', () => {
      const byCode = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));
      expect(byCode.get('0114')).toBe('Upplands Väsby');
      expect(byCode.get('0180')).toBe('Stockholm');
      expect(byCode.get('1880')).toBe('Örebro');
      expect(byCode.get('1885')).toBe('Lindesberg');
      expect(byCode.get('0382')).toBe('Östhammar');
      expect(byCode.get('1962')).toBe('Norberg');
    });
  });

  describe('learning centres', () => {
    it('has 17 organisations covering exactly the 22 LC-KOMP municipalities', () => {
      expect(LEARNING_CENTRES).toHaveLength(17);
      expect(new Set(LEARNING_CENTRES.map((lc) => lc.id)).size).toBe(17);
      const covered = LEARNING_CENTRES.flatMap((lc) => lc.municipalityCodes);
      expect(covered).toHaveLength(22);
      expect(new Set(covered).size).toBe(22); // each code in exactly one centre
      expect([...covered].sort()).toEqual([...LC_KOMP_CODES].sort());
    });

    it('has three kommunalförbund and consistent seats', () => {
      const kf = LEARNING_CENTRES.filter((lc) => lc.kind === 'kommunalforbund');
      expect(kf.map((lc) => lc.id).sort()).toEqual([
        'nvu',
        'sydnarkes-utbildningsforbund',
        'viadidakt',
      ]);
      const known = new Set(MUNICIPALITIES.map((m) => m.code));
      for (const lc of LEARNING_CENTRES) {
        expect(lc.municipalityCodes).toContain(lc.seatMunicipalityCode);
        for (const code of lc.municipalityCodes) expect(known.has(code)).toBe(true);
        if (lc.kind === 'municipal') expect(lc.municipalityCodes).toHaveLength(1);
        else expect(lc.municipalityCodes.length).toBeGreaterThan(1);
      }
    });
    it('gives every centre demo contact details that cannot reach a real office', () => {
      const contacts = LEARNING_CENTRES.map(learningCentreContact);
      for (const c of contacts) {
        expect(c.isDemo).toBe(true);
        expect(c.email).toMatch(/@[a-z-]+\.example$/);
        expect(c.phone).toMatch(/^08-465 004 \d{2}$/); // PTS's numbers for fiction
      }
      expect(new Set(contacts.map((c) => c.phone)).size).toBe(LEARNING_CENTRES.length);
    });
  });

  describe('competences', () => {
    const byId = new Map(COMPETENCES.map((c) => [c.id, c]));

    it('has at least 220 concepts with unique ids and labels', () => {
      expect(COMPETENCES.length).toBeGreaterThanOrEqual(220);
      expect(byId.size).toBe(COMPETENCES.length);
      expect(new Set(COMPETENCES.map((c) => c.label)).size).toBe(COMPETENCES.length);
      for (const c of COMPETENCES) {
        expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(c.synonyms.length).toBeGreaterThanOrEqual(1);
        expect(c.synonyms.length).toBeLessThanOrEqual(4);
      }
    });

    it('has valid, same-area, acyclic broader links', () => {
      for (const c of COMPETENCES) {
        if (c.broaderId === null) continue;
        const parent = byId.get(c.broaderId);
        expect(parent).toBeDefined();
        expect(parent!.area).toBe(c.area);
      }
      for (const c of COMPETENCES) {
        const seen = new Set<string>([c.id]);
        let cursor = c.broaderId;
        while (cursor !== null) {
          expect(seen.has(cursor)).toBe(false);
          seen.add(cursor);
          cursor = byId.get(cursor)!.broaderId;
        }
      }
    });

    it('names every area (an ESF theme) with its label from @km/labels', () => {
      expect(COMPETENCE_AREAS.map((a) => a.id).sort()).toEqual(Object.keys(THEME_SV).sort());
      for (const a of COMPETENCE_AREAS)
        expect(a.label).toBe(THEME_SV[a.id as keyof typeof THEME_SV]);
    });

    it('uses every area, and only declared areas, with a real hierarchy', () => {
      const areaIds = new Set(COMPETENCE_AREAS.map((a) => a.id));
      expect(areaIds.size).toBe(COMPETENCE_AREAS.length);
      for (const c of COMPETENCES) expect(areaIds.has(c.area)).toBe(true);
      for (const area of areaIds) {
        const inArea = COMPETENCES.filter((c) => c.area === area);
        expect(inArea.some((c) => c.broaderId === null)).toBe(true);
        expect(inArea.some((c) => c.broaderId !== null)).toBe(true);
      }
      // every non-root concept has at least one sibling, so sibling similarity is meaningful
      const children = new Map<string, number>();
      for (const c of COMPETENCES) {
        if (c.broaderId) children.set(c.broaderId, (children.get(c.broaderId) ?? 0) + 1);
      }
      for (const [, n] of children) expect(n).toBeGreaterThanOrEqual(2);
    });

    it('contains the named examples', () => {
      const labels = new Set(COMPETENCES.map((c) => c.label));
      for (const label of [
        'Truckkort A+B',
        'Heta arbeten',
        'Svetsning MIG/MAG',
        'Excel grundkurs',
        'Svenska för yrkesbruk',
        'Ledarskap för arbetsledare',
        'HLR',
        'Livsmedelshygien',
        'Lean produktion',
        'Digitalt arbetssätt',
        'Undersköterska — delkurs',
      ]) {
        expect(labels).toContain(label);
      }
      expect(byId.get('truckkort-a-b')).toMatchObject({
        label: 'Truckkort A+B',
        broaderId: 'truckkort',
        synonyms: expect.arrayContaining(['truckförarutbildning']),
      });
      expect(byId.get('svetsning-mig-mag')?.broaderId).toBe('svetsning');
      expect(byId.get('hlr')?.synonyms).toContain('hjärt-lungräddning');
    });
  });

  describe('SNI sections and size bands', () => {
    it('has the 21 SNI 2007 sections A–U', () => {
      expect(SNI_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
      expect(SNI_SECTIONS.find((s) => s.code === 'C')?.label).toBe('Tillverkning');
    });

    it('has contiguous size bands 1–9, 10–49, 50–249, 250+', () => {
      expect(SIZE_BANDS.map((b) => b.code)).toEqual(['1-9', '10-49', '50-249', '250+']);
      for (let i = 1; i < SIZE_BANDS.length; i++) {
        expect(SIZE_BANDS[i].min).toBe((SIZE_BANDS[i - 1].max ?? NaN) + 1);
      }
      expect(SIZE_BANDS[SIZE_BANDS.length - 1].max).toBeNull();
    });
  });
});
