import { cloneElement, isValidElement, type ComponentChildren, type VNode } from 'preact';
import { useId } from 'preact/hooks';

interface Props {
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string;
  /** One input, select or textarea: it gets the label's id and is described by the hint or error. */
  children: VNode;
  /** Controls beside the input (a colour picker, a Generate button), outside its label. */
  before?: ComponentChildren;
  after?: ComponentChildren;
  class?: string;
}

/** A labelled input with its hint or error, tied together by id so screen readers read all three. */
export function Field({ label, hint, error, children, before, after, class: extra }: Props) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error || hint;
  const control = isValidElement(children)
    ? cloneElement(children, { id, 'aria-describedby': note ? noteId : undefined, 'aria-invalid': error ? true : undefined })
    : children;
  return (
    <div class={`field${error ? ' invalid' : ''}${extra ? ` ${extra}` : ''}`}>
      <label class="field-label" for={id}>{label}</label>
      {before || after ? <div class="field-row">{before}{control}{after}</div> : control}
      {error ? (
        <span class="field-error" id={noteId} role="alert">{error}</span>
      ) : (
        hint && <span class="field-hint" id={noteId}>{hint}</span>
      )}
    </div>
  );
}

interface ToggleProps {
  label: ComponentChildren;
  checked: boolean;
  disabled?: boolean;
  onChange(checked: boolean): void;
}

/** An on/off switch that is a real checkbox (Space toggles it). */
export function Toggle({ label, checked, disabled, onChange }: ToggleProps) {
  return (
    <label class="toggle">
      <input type="checkbox" role="switch" checked={checked} disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)} />
      <span class="toggle-track" aria-hidden="true"><span class="toggle-thumb" /></span>
      <span>{label}</span>
    </label>
  );
}
