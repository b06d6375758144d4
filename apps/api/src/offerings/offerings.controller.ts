import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import { OfferingLifecycleService } from '@km/lifecycle';
import { OfferingsService } from '@km/offerings';
import { Idempotent } from '@km/idempotency';
import { API_PREFIX } from '../common/api-prefix';
import {
  CreateOfferingRequestDto,
  mapOffering,
  OfferingPageDto,
  OfferingQueryDto,
  OfferingResponseDto,
  UpdateOfferingRequestDto,
} from './offerings.dto';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('offerings')
@Controller(`${API_PREFIX}/offerings`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Wrong role, or another learning centre or region' })
export class OfferingsController {
  constructor(
    private readonly offerings: OfferingsService,
    private readonly lifecycle: OfferingLifecycleService,
  ) {}

  @Post()
  @Authenticated('provider', 'admin')
  @Idempotent()
  @ApiCreatedResponse({ type: OfferingResponseDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; errors[] names it' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateOfferingRequestDto,
  ): Promise<OfferingResponseDto> {
    return mapOffering(await this.offerings.create(user, body));
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: OfferingPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: OfferingQueryDto,
  ): Promise<OfferingPageDto> {
    const page = await this.offerings.list(user, query);
    return { items: page.items.map(mapOffering), total: page.total };
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: OfferingResponseDto })
  @ApiNotFoundResponse()
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<OfferingResponseDto> {
    return mapOffering(await this.offerings.get(user, id));
  }

  @Patch(':id')
  @Authenticated('provider', 'admin')
  @ApiOkResponse({ type: OfferingResponseDto })
  @ApiNotFoundResponse()
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateOfferingRequestDto,
  ): Promise<OfferingResponseDto> {
    return mapOffering(await this.lifecycle.update(user, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('provider', 'admin')
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiNotFoundResponse()
  async withdraw(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    await this.lifecycle.withdraw(user, id);
  }
}
