import {
  DELIVERY_MODE_PHRASE_SV,
  DELIVERY_MODE_SV,
  INITIATIVE_STATUS_PHRASE_SV,
  INITIATIVE_STATUS_PLURAL_SV,
  INITIATIVE_STATUS_SV,
  labelSv,
  PROJECT_DRAFT_ITEM_STATUS_SV,
  SWEDISH_LABEL_MAPS,
} from './swedish-labels';

const textOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Object.values(value as Record<string, unknown>).flatMap((v) => textOf(v));

describe('Swedish labels', () => {
  it('gives every code a Swedish text that is not the code itself', () => {
    for (const [name, map] of Object.entries(SWEDISH_LABEL_MAPS))
      for (const [code, label] of Object.entries(map))
        for (const text of textOf(label)) {
          expect([name, code, text.trim().length > 0]).toEqual([name, code, true]);
          expect([name, text]).not.toEqual([name, code]);
        }
  });

  it('calls an initiative by the same word in every form', () => {
    const codes = Object.keys(INITIATIVE_STATUS_SV);
    expect(Object.keys(INITIATIVE_STATUS_PLURAL_SV)).toEqual(codes);
    expect(Object.keys(INITIATIVE_STATUS_PHRASE_SV)).toEqual(codes);
    expect(INITIATIVE_STATUS_SV.cancelled).toBe('Inställd');
    expect(INITIATIVE_STATUS_PLURAL_SV.cancelled).toBe('Inställda');
    expect(INITIATIVE_STATUS_PHRASE_SV.cancelled).toBe('inställd');
    for (const code of ['planned', 'running', 'completed'] as const)
      expect(PROJECT_DRAFT_ITEM_STATUS_SV[code]).toBe(INITIATIVE_STATUS_SV[code]);
    expect(Object.keys(DELIVERY_MODE_PHRASE_SV)).toEqual(Object.keys(DELIVERY_MODE_SV));
  });

  it('falls back to Swedish, never to the code, for a code it does not know', () => {
    expect(labelSv(DELIVERY_MODE_SV, 'remote', 'Annat')).toBe('På distans');
    expect(labelSv(DELIVERY_MODE_SV, 'teleport', 'Annat')).toBe('Annat');
    expect(labelSv(DELIVERY_MODE_SV, 'toString', 'Annat')).toBe('Annat');
    expect(labelSv(DELIVERY_MODE_SV, null, 'Annat')).toBe('Annat');
  });
});
