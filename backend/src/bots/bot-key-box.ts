import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SecretBox } from '../crypto/secret-box';

/** Seals bots' own Azure API keys under a key derived from APP_SECRET for this purpose only. */
@Injectable()
export class BotKeyBox extends SecretBox {
  constructor(config: AppConfig) {
    super(config.appSecret, 'bot-azure-key');
  }
}
