import { Injectable } from '@nestjs/common';
import {
  CompetenceSimilarity,
  DistanceTable,
  FitContext,
  MatchingParameters,
  resolveParameters,
  WhyNotMatched,
  whyNotMatched,
} from '@km/matching';
import { MatchingScopeLoader } from './matching-scope.loader';

/**
 * Answers "why is my need not matched yet?" on demand from the matcher's own fit rules, against
 * the offerings and open needs as they are now. The distance table and the competence tree are
 * built once per process, like the matcher's reference snapshot.
 */
@Injectable()
export class WhyNotYetService {
  private readonly parameters: MatchingParameters = resolveParameters();
  private fit?: FitContext;

  constructor(private readonly loader: MatchingScopeLoader) {}

  /** Null for an unknown need. */
  async explain(needId: string): Promise<WhyNotMatched | null> {
    const scope = await this.loader.loadForNeed(needId);
    if (!scope) return null;
    this.fit ??= {
      distances: new DistanceTable(scope.municipalities, this.parameters.roadFactor),
      similarity: new CompetenceSimilarity(scope.competences),
      parameters: this.parameters,
    };
    return whyNotMatched({
      need: scope.need,
      others: scope.others,
      offerings: scope.offerings,
      commitments: scope.commitments,
      today: scope.today,
      rejectedOfferingIds: new Set(scope.rejectedOfferingIds),
      fit: this.fit,
      parameters: this.parameters,
    });
  }
}
