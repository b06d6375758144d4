import { CompetenceSimilarity } from './competence-similarity';
import { competenceStub } from '../testing/matching.stubs';

describe('CompetenceSimilarity', () => {
  const sim = new CompetenceSimilarity(competenceStub);

  it('grades by steps through the taxonomy', () => {
    expect(sim.similarity('truckkort-a-b', 'truckkort-a-b')).toBe(1);
    expect(sim.similarity('truckkort', 'truckkort-a-b')).toBe(0.8);
    expect(sim.similarity('truckkort-a-b', 'truckkort')).toBe(0.8);
    expect(sim.similarity('truckkort-a-b', 'truckkort-c')).toBe(0.6);
    expect(sim.similarity('truckkort-a-b', 'lager')).toBe(0.2);
    expect(sim.similarity('truckkort-a-b', 'excel')).toBe(0);
    expect(sim.similarity('okänd', 'truckkort')).toBe(0);
    expect(sim.similarity('okänd', 'okänd')).toBe(1);
  });

  it('lists similar concepts for the index, including itself', () => {
    expect(
      sim
        .similarTo('truckkort-a-b', 0.6)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['truckkort', 'truckkort-a-b', 'truckkort-c']);
  });

  it('survives a cycle in broader links', () => {
    const cyclic = new CompetenceSimilarity([
      { id: 'a', area: 'x', broaderId: 'b' },
      { id: 'b', area: 'x', broaderId: 'a' },
    ]);
    expect(cyclic.similarity('a', 'b')).toBe(0.8);
  });
});
