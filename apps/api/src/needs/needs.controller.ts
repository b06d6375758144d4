import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@km/config';
import { Idempotent } from '@km/idempotency';
import { NeedEditService, NeedsService, NeedTrackingView } from '@km/needs';
import { WhyNotYetService } from '@km/proposals';
import { NeedLifecycleService } from '@km/lifecycle';
import { API_PREFIX } from '../common/api-prefix';
import { THROTTLE, Throttled } from '../common/throttling';
import {
  EditNeedRequestDto,
  mapNeedTracking,
  NeedTrackingResponseDto,
  SubmitNeedRequestDto,
  SubmitNeedResponseDto,
  trackingUrl,
} from './needs.dto';
import { asksWhyNotYet, whyNotYetView } from './why-not-yet';

/** Public intake: employers need no account; the tracking token is their key. */
@ApiTags('needs')
@Controller(`${API_PREFIX}/needs`)
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
    private readonly edits: NeedEditService,
    private readonly whyNotYet: WhyNotYetService,
    private readonly lifecycle: NeedLifecycleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Throttled(THROTTLE.public)
  @Idempotent()
  @ApiCreatedResponse({ type: SubmitNeedResponseDto })
  @ApiBadRequestResponse({
    description: 'A field is invalid; errors[] names it. Nothing is stored',
  })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with another body' })
  async submit(@Body() body: SubmitNeedRequestDto): Promise<SubmitNeedResponseDto> {
    const submitted = await this.needs.submit(body);
    return {
      id: submitted.id,
      reference: submitted.reference,
      status: submitted.status,
      trackingToken: submitted.trackingToken,
      trackingUrl: trackingUrl(this.config.http.publicBaseUrl, submitted.trackingToken),
    };
  }

  // The answer is the employer's own: no shared cache or back button may keep it.
  @Get('track/:token')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: NeedTrackingResponseDto })
  @ApiNotFoundResponse({ description: 'No need has this tracking token' })
  async track(@Param('token') token: string): Promise<NeedTrackingResponseDto> {
    return this.answer(await this.needs.track(token));
  }

  /** The employer's own changes, with the intake's validation; the county is rematched. */
  @Patch('track/:token')
  @Throttled(THROTTLE.public)
  @ApiOkResponse({ type: NeedTrackingResponseDto, description: 'Changed (or nothing to change)' })
  @ApiBadRequestResponse({ description: 'A field is invalid; errors[] names it. Nothing changes' })
  @ApiNotFoundResponse({ description: 'No need has this tracking token' })
  @ApiConflictResponse({
    description:
      'The need is committed to an initiative (the detail names the learning centre to call), ' +
      'withdrawn or expired',
  })
  async edit(
    @Param('token') token: string,
    @Body() body: EditNeedRequestDto,
  ): Promise<NeedTrackingResponseDto> {
    return this.answer(await this.edits.edit(token, body));
  }

  private async answer(need: NeedTrackingView): Promise<NeedTrackingResponseDto> {
    const answer =
      asksWhyNotYet(need) && !need.inOpenProposal ? await this.whyNotYet.explain(need.id) : null;
    return mapNeedTracking(need, whyNotYetView(need, answer));
  }

  /** Withdraws the need and erases its contact; repeating it answers the same (idempotent). */
  @Delete('track/:token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Throttled(THROTTLE.public)
  @ApiOkResponse({ type: NeedTrackingResponseDto, description: 'Withdrawn (or already withdrawn)' })
  @ApiNotFoundResponse({ description: 'No need has this tracking token' })
  @ApiConflictResponse({ description: 'The need has expired and can no longer be withdrawn' })
  async withdraw(@Param('token') token: string): Promise<NeedTrackingResponseDto> {
    return mapNeedTracking(await this.lifecycle.withdraw(token));
  }
}
