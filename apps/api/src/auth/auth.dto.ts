import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { LoginResult, Role, ROLES } from '@km/auth';

export class LoginRequestDto {
  @ApiProperty({ example: 'provider@lindesberg.demo' })
  @IsString({ message: 'email must be a string' })
  @MinLength(3, { message: 'email must be an e-mail address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  readonly email: string;

  @ApiProperty({ example: 'kompetens-demo', format: 'password' })
  @IsString({ message: 'password must be a string' })
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  readonly password: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'JWT; send as "Authorization: Bearer <accessToken>"' })
  readonly accessToken: string;

  @ApiProperty({ example: 'Bearer' }) readonly tokenType: 'Bearer';

  @ApiProperty({ example: 3600, description: 'Seconds until the token expires' })
  readonly expiresIn: number;

  @ApiProperty({ enum: ROLES }) readonly role: Role;

  @ApiPropertyOptional({
    example: 'lc-lindesberg',
    description: 'The learning centre (provider, broker) or county code (regional)',
  })
  readonly organisationId?: string;

  @ApiPropertyOptional({ example: 'lc-lindesberg' }) readonly learningCentreId?: string;
  @ApiPropertyOptional({ example: '18' }) readonly countyCode?: string;
}

export function mapLoginResult(result: LoginResult): LoginResponseDto {
  return { ...result };
}
