import type {
  DeliveryMode,
  MatchingInput,
  NeedInput,
  OfferingInput,
  StartWindow,
} from './matching-input.types';
import { cmp } from './geo';

/**
 * Set-like lists of the input (a need's competences and delivery modes, an offering's
 * competences and start windows, a learning centre's municipalities) mean the same in any order
 * and with repeats. They are put in one canonical order — ids sorted, modes in MODE_ORDER, windows
 * by start — before anything reads them, so no rule, seed or explanation can depend on the order
 * a form or an import happened to give. Lists already canonical are kept as they are (no copy).
 */
export const MODE_ORDER: readonly DeliveryMode[] = ['onsite', 'hybrid', 'remote'];

export function canonicalInput(input: MatchingInput): MatchingInput {
  return {
    ...input,
    needs: input.needs.map(canonicalNeed),
    offerings: input.offerings.map(canonicalOffering),
    learningCentres: (input.learningCentres ?? []).map((c) =>
      canonical(c.municipalityCodes, cmp) === c.municipalityCodes
        ? c
        : { ...c, municipalityCodes: canonical(c.municipalityCodes, cmp) },
    ),
  };
}

const modeRank = (a: DeliveryMode, b: DeliveryMode) => {
  const x = MODE_ORDER.indexOf(a);
  const y = MODE_ORDER.indexOf(b);
  return x - y || cmp(a, b);
};

const windowOrder = (a: StartWindow, b: StartWindow) => cmp(a.from, b.from) || cmp(a.to, b.to);

function canonicalNeed(need: NeedInput): NeedInput {
  const competenceIds = canonical(need.competenceIds, cmp);
  const deliveryModes = canonical(need.deliveryModes, modeRank);
  return competenceIds === need.competenceIds && deliveryModes === need.deliveryModes
    ? need
    : { ...need, competenceIds, deliveryModes };
}

function canonicalOffering(offering: OfferingInput): OfferingInput {
  const competenceIds = canonical(offering.competenceIds, cmp);
  const startWindows = canonical(offering.startWindows, windowOrder);
  return competenceIds === offering.competenceIds && startWindows === offering.startWindows
    ? offering
    : { ...offering, competenceIds, startWindows };
}

/** The list sorted by `order` without repeats; the same array when it already is. */
function canonical<T>(list: readonly T[], order: (a: T, b: T) => number): T[] {
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++)
    if (order(list[i - 1], list[i]) >= 0) sorted = false;
  if (sorted) return list as T[];
  const out = [...list].sort(order);
  return out.filter((x, i) => i === 0 || order(out[i - 1], x) !== 0);
}
