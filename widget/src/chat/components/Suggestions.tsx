import type { Strings } from '../i18n';

interface Props {
  t: Strings;
  items: string[];
  disabled: boolean;
  onPick(text: string): void;
}

/** The bot's suggested first questions; a click sends one. */
export function Suggestions({ t, items, disabled, onPick }: Props) {
  if (items.length === 0) return null;
  return (
    <div class="cc-chips" role="group" aria-label={t.suggestions}>
      {items.map((item) => (
        <button type="button" class="cc-chip" data-testid="cc-suggestion" key={item} disabled={disabled} onClick={() => onPick(item)}>
          {item}
        </button>
      ))}
    </div>
  );
}
