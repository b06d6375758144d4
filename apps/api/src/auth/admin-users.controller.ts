import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, UsersService } from '@km/auth';
import { API_PREFIX } from '../common/api-prefix';
import { PageQueryDto } from '../common/pagination.dto';
import { CreatedIdDto, CreateUserRequestDto, mapUser, UserPageDto } from './admin-users.dto';

@ApiTags('accounts')
@Controller(`${API_PREFIX}/admin/users`)
@Authenticated('admin')
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Not an admin' })
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedIdDto })
  @ApiConflictResponse({ description: 'The e-mail address is taken' })
  async create(@Body() body: CreateUserRequestDto): Promise<CreatedIdDto> {
    const user = await this.users.create(body);
    return { id: user.id };
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  async list(@Query() query: PageQueryDto): Promise<UserPageDto> {
    const page = await this.users.list(query.limit, query.offset);
    return { items: page.items.map(mapUser), total: page.total };
  }
}
