/** The handoff contract (PROTOCOL §7) as the console reads it: the backend's own types, imported type-only. */
export type {
  InboxConversation,
  OfflineMessage,
  Rule,
  RuleAction,
  StaffClientEvents,
  StaffMessage,
  StaffPresence,
  StaffServerEvents,
  VisitorContext,
} from '../../../backend/src/handoff/staff.events';
export type { ConversationState, OfficeHours, WireMessage } from '../../../backend/src/chat/widget.events';
