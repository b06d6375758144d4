import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
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
import { NeedsService } from '@km/needs';
import { API_PREFIX } from '../common/api-prefix';
import { THROTTLE, Throttled } from '../common/throttling';
import {
  mapNeedTracking,
  NeedTrackingResponseDto,
  SubmitNeedRequestDto,
  SubmitNeedResponseDto,
  trackingUrl,
} from './needs.dto';

/** Public intake: employers need no account; the tracking token is their key. */
@ApiTags('needs')
@Controller(`${API_PREFIX}/needs`)
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
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
      status: submitted.status,
      trackingToken: submitted.trackingToken,
      trackingUrl: trackingUrl(this.config.http.publicBaseUrl, submitted.trackingToken),
    };
  }

  @Get('track/:token')
  @ApiOkResponse({ type: NeedTrackingResponseDto })
  @ApiNotFoundResponse({ description: 'No need has this tracking token' })
  async track(@Param('token') token: string): Promise<NeedTrackingResponseDto> {
    return mapNeedTracking(await this.needs.track(token));
  }

  /** Withdraws the need and erases its contact; repeating it answers the same (idempotent). */
  @Delete('track/:token')
  @HttpCode(200)
  @Throttled(THROTTLE.public)
  @ApiOkResponse({ type: NeedTrackingResponseDto, description: 'Withdrawn (or already withdrawn)' })
  @ApiNotFoundResponse({ description: 'No need has this tracking token' })
  @ApiConflictResponse({ description: 'The need has expired and can no longer be withdrawn' })
  async withdraw(@Param('token') token: string): Promise<NeedTrackingResponseDto> {
    return mapNeedTracking(await this.needs.withdraw(token));
  }
}
