import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, UsersService } from '@km/auth';
import { InvalidInputError } from '@km/common';
import { API_PREFIX } from '../common/api-prefix';
import { PageQueryDto } from '../common/pagination.dto';
import {
  CreatedIdDto,
  CreateUserRequestDto,
  mapUser,
  UpdateUserRequestDto,
  UserPageDto,
  UserResponseDto,
} from './admin-users.dto';

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

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an account’s password, or disable or re-enable it',
    description: 'Either change revokes every token of the account at once.',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ description: 'No such account' })
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserRequestDto,
  ): Promise<UserResponseDto> {
    if (body.password === undefined && body.disabled === undefined) {
      throw new InvalidInputError([
        { field: 'password', message: 'give a new password, disabled (true or false) or both' },
      ]);
    }
    return mapUser(await this.users.update(id, body));
  }
}
