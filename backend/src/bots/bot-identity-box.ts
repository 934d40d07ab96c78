import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SecretBox } from '../crypto/secret-box';

/**
 * Seals bots' identity secrets (verified `identify`) the way BotKeyBox seals their Azure keys:
 * AES-256-GCM under a key derived from APP_SECRET, with a purpose label of its own.
 */
@Injectable()
export class BotIdentityBox extends SecretBox {
  constructor(config: AppConfig) {
    super(config.appSecret, 'bot-identity-secret');
  }
}
