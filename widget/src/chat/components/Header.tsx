import type { WireBot } from '../../../../backend/src/chat/widget.events';
import type { Strings } from '../i18n';
import { CloseIcon, NewIcon } from './Icons';

interface Props {
  t: Strings;
  bot?: WireBot;
  titleId: string;
  canStartNew: boolean;
  onNew(): void;
  onClose(): void;
}

export function Header({ t, bot, titleId, canStartNew, onNew, onClose }: Props) {
  return (
    <header class="cc-header">
      <div class="cc-title">
        <span class="cc-name" id={titleId}>{bot?.name || t.title}</span>
        {bot?.demo && <span class="cc-badge" data-testid="cc-demo" title={t.demoTitle}>{t.demo}</span>}
      </div>
      <button type="button" class="cc-icon-button" data-testid="cc-new"
        title={t.newConversation} disabled={!canStartNew} onClick={onNew}>
        <NewIcon />
      </button>
      <button type="button" class="cc-icon-button" data-testid="cc-close" title={t.close} onClick={onClose}>
        <CloseIcon />
      </button>
    </header>
  );
}
