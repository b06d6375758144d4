import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { APP_CONFIG, AppConfig } from '@km/config';
import { renderAccessibilityStatement, renderPrivacyNotice, renderStartPage } from './public.page';

/** The public Swedish pages that are not about one need: start, accessibility, privacy. */
@ApiExcludeController()
@Controller()
export class PublicPagesController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  start(@Res() res: Response): void {
    send(res, renderStartPage());
  }

  @Get('tillganglighet')
  accessibility(@Res() res: Response): void {
    send(res, renderAccessibilityStatement());
  }

  @Get('personuppgifter')
  privacy(@Res() res: Response): void {
    send(res, renderPrivacyNotice({ retentionDays: this.config.privacy.retentionDays }));
  }
}

function send(res: Response, page: string): void {
  res.status(200).type('html').send(page);
}
