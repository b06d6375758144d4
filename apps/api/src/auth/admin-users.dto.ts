import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role, ROLES, User } from '@km/auth';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateUserRequestDto {
  @ApiProperty({ example: 'anna.andersson@lindesberg.se' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  readonly email: string;

  @ApiProperty({ minLength: 12, maxLength: 200, format: 'password' })
  @IsString({ message: 'password must be a string' })
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  readonly password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  readonly role: Role;

  @ApiPropertyOptional({
    example: 'lc-lindesberg',
    description: 'Required for provider and broker',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'learningCentreId must be a string' })
  @MaxLength(100, { message: 'learningCentreId must be at most 100 characters' })
  readonly learningCentreId?: string;

  @ApiPropertyOptional({ example: '18', description: 'Required for regional' })
  @IsOptional()
  @Transform(trimmed)
  @Matches(/^\d{2}$/, { message: 'countyCode must be two digits, e.g. "18"' })
  readonly countyCode?: string;
}

export class UpdateUserRequestDto {
  @ApiPropertyOptional({ minLength: 12, maxLength: 200, format: 'password' })
  @IsOptional()
  @IsString({ message: 'password must be a string' })
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  readonly password?: string;

  @ApiPropertyOptional({ description: 'true disables the account, false enables it again' })
  @IsOptional()
  @IsBoolean({ message: 'disabled must be true or false' })
  readonly disabled?: boolean;
}

export class CreatedIdDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty() readonly email: string;
  @ApiProperty({ enum: ROLES }) readonly role: Role;
  @ApiProperty({ nullable: true, type: String }) readonly learningCentreId: string | null;
  @ApiProperty({ nullable: true, type: String }) readonly countyCode: string | null;
  @ApiProperty() readonly disabled: boolean;
  @ApiProperty() readonly createdAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) readonly items: UserResponseDto[];
  @ApiProperty() readonly total: number;
}

/** Never the password hash. */
export function mapUser(user: User): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    learningCentreId: user.learningCentreId,
    countyCode: user.countyCode?.trim() ?? null,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}
