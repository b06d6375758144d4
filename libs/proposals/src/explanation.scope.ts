/**
 * What of an engine explanation a caller may see. The engine explains a proposal with the needs
 * it left out and what-if hints over the whole county; a broker's scope is its centre's
 * municipalities, so entries about needs (employer names, constraints) or demand elsewhere go.
 */

interface ScopedEntry {
  needId?: string;
  nearbyDemand?: { municipalityCode: string }[];
  text?: string;
}

interface ExplanationShape {
  leftOut?: ScopedEntry[];
  whatIf?: ScopedEntry[];
}

/** Every need id an explanation names (left out, relax hints, nearby demand). */
export function needIdsIn(explanation: unknown): string[] {
  const e = (explanation ?? {}) as ExplanationShape & {
    whatIf?: { nearbyDemand?: { needIds?: string[] }[] }[];
  };
  const ids = new Set<string>();
  for (const entry of [...(e.leftOut ?? []), ...(e.whatIf ?? [])]) {
    if (typeof entry.needId === 'string') ids.add(entry.needId);
  }
  for (const hint of e.whatIf ?? [])
    for (const demand of hint.nearbyDemand ?? [])
      for (const id of demand.needIds ?? []) ids.add(id);
  return [...ids];
}

/**
 * The explanation without what lies outside the caller's municipalities. `municipalityOf` maps
 * the need ids the explanation names to their municipality; an unknown need counts as outside.
 */
export function scopeExplanation(
  explanation: unknown,
  municipalities: ReadonlySet<string>,
  municipalityOf: ReadonlyMap<string, string>,
): unknown {
  if (!explanation || typeof explanation !== 'object') return explanation;
  const e = explanation as ExplanationShape;
  const needVisible = (id: string) => municipalities.has(municipalityOf.get(id) ?? '');
  const visible = (entry: ScopedEntry) =>
    typeof entry.needId !== 'string' || needVisible(entry.needId);
  const withinDemand = (entry: ScopedEntry): ScopedEntry => {
    if (!entry.nearbyDemand) return entry;
    const nearby = entry.nearbyDemand.filter((d) => municipalities.has(d.municipalityCode));
    if (nearby.length === entry.nearbyDemand.length) return entry;
    // The text names every place with demand; keep only its first sentence (the count needed).
    const head = (entry.text ?? '').split('. ')[0].replace(/\.?$/, '.');
    return { ...entry, nearbyDemand: nearby, text: head };
  };
  return {
    ...e,
    ...(e.leftOut ? { leftOut: e.leftOut.filter(visible) } : {}),
    ...(e.whatIf ? { whatIf: e.whatIf.filter(visible).map(withinDemand) } : {}),
  };
}
