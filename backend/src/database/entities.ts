import { Session } from '../auth/session.entity';
import { Bot } from '../bots/bot.entity';
import { BotRole } from '../bots/bot-role.entity';
import { Visitor } from '../chat/visitor.entity';
import { Conversation } from '../conversations/conversation.entity';
import { BotTokenUsage } from '../limits/bot-token-usage.entity';
import { Message } from '../conversations/message.entity';
import { InstallationSetting } from '../settings/installation-setting.entity';
import { Tenant } from '../tenants/tenant.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [Tenant, User, Session, Bot, BotRole, Visitor, Conversation, Message, BotTokenUsage, InstallationSetting];
