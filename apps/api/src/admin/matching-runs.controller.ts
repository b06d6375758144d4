import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import { InvalidInputError, OutOfScopeError } from '@km/common';
import { Idempotent } from '@km/idempotency';
import { scopeCounties } from '@km/initiatives';
import { MatchingRunService, MatchingRunView } from '@km/proposals';
import { API_PREFIX } from '../common/api-prefix';
import { THROTTLE, Throttled } from '../common/throttling';
import {
  MatchingRunDto,
  StartMatchingRunRequestDto,
  StartMatchingRunResponseDto,
} from './matching-runs.dto';

const uuid = new ParseUUIDPipe();

/**
 * Manual matching runs. Needs and offerings already trigger a debounced rematch of their county;
 * a broker starts a run to see fresh proposals at once, e.g. after changing several offerings.
 */
@ApiTags('admin: matching')
@Controller(`${API_PREFIX}/admin/matching/runs`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Not a broker or admin, or a county outside your region' })
export class MatchingRunsController {
  constructor(private readonly runs: MatchingRunService) {}

  @Post()
  @HttpCode(202)
  // Above @Authenticated, so it runs after the guard that names the caller it counts.
  @Throttled(THROTTLE.matchingRuns)
  @Authenticated('broker', 'admin')
  @Idempotent()
  @ApiAcceptedResponse({ type: StartMatchingRunResponseDto, description: 'The run is queued' })
  @ApiBadRequestResponse({ description: 'Unknown county, or a county is needed to choose' })
  async start(
    @CurrentUser() user: AuthUser,
    @Body() body: StartMatchingRunRequestDto,
  ): Promise<StartMatchingRunResponseDto> {
    const countyCode = runCounty(user, body.countyCode);
    return { runId: await this.runs.request(countyCode, user.id) };
  }

  @Get(':id')
  @Authenticated('broker', 'admin')
  @ApiOkResponse({ type: MatchingRunDto })
  @ApiNotFoundResponse()
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<MatchingRunView> {
    const run = await this.runs.get(id);
    const counties = scopeCounties(user);
    if (counties && !(run.countyCode && counties.includes(run.countyCode))) {
      throw new OutOfScopeError('matching run');
    }
    return run;
  }
}

/**
 * The county a caller's run covers: an admin may name any county or none (all of them); a broker
 * names one of its own counties, or gets its only one by default.
 */
function runCounty(user: AuthUser, requested: string | undefined): string | null {
  const counties = scopeCounties(user);
  if (!counties) return requested ?? null;
  if (requested) {
    if (!counties.includes(requested)) throw new OutOfScopeError('county');
    return requested;
  }
  if (counties.length === 1) return counties[0];
  throw new InvalidInputError([
    {
      field: 'countyCode',
      message: `countyCode is required: your region covers the counties ${counties.join(', ')}`,
    },
  ]);
}
