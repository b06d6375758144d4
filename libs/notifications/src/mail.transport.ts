import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@km/config';

export interface OutgoingMail {
  /** The notification id; also the basis of the Message-ID, so a resend is recognisable. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

export const MAIL_FROM = 'Kompetensmäklaren <noreply@kompetensmaklaren.se>';

/**
 * Sends e-mail through nodemailer: SMTP when SMTP_URL is set, otherwise a development transport
 * that writes each message as `<id>.eml` (RFC 822) and `<id>.json` into MAIL_DIR.
 */
@Injectable()
export class MailTransport {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;
  readonly dir: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.mail.smtpUrl) {
      this.transporter = nodemailer.createTransport(config.mail.smtpUrl);
      this.dir = null;
    } else {
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true });
      this.dir = resolve(config.mail.dir);
    }
  }

  /** @returns the Message-ID. Throws when the message was not accepted. */
  async send(mail: OutgoingMail): Promise<string> {
    const messageId = `<${mail.id}@kompetensmaklaren.se>`;
    const info = await this.transporter.sendMail({
      from: MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId,
      headers: { 'X-Notification-Id': mail.id },
    });
    if (this.dir) {
      await mkdir(this.dir, { recursive: true });
      const message = (info as unknown as { message: Buffer }).message;
      await writeFile(join(this.dir, `${mail.id}.eml`), message);
      await writeFile(
        join(this.dir, `${mail.id}.json`),
        JSON.stringify({ ...mail, from: MAIL_FROM, messageId, writtenAt: new Date() }, null, 2),
      );
      this.logger.debug(`wrote ${mail.id}.eml to ${this.dir}`);
    }
    return messageId;
  }
}
