/** The inbox's alerts: the browser's notifications (asked for on a click) and an optional beep. */

const SOUND_KEY = 'customchat:inbox-sound';
let audio: AudioContext | undefined;

export function soundOn(): boolean {
  try {
    return window.localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setSound(on: boolean): void {
  try {
    window.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  if (on) beep(); // a click: the browser lets the audio start, and the member hears what it will be
}

/** A short two-tone chime from an oscillator: no sound file to download. */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const t = audio.currentTime;
    const gain = audio.createGain();
    gain.connect(audio.destination);
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
    const osc = audio.createOscillator();
    osc.frequency.setValueAtTime(880, t);
    osc.frequency.setValueAtTime(1320, t + 0.12);
    osc.connect(gain);
    osc.start(t);
    osc.stop(t + 0.36);
  } catch {
    // no audio here
  }
}

export type NotifyPermission = NotificationPermission | 'unsupported';

export const notifyPermission = (): NotifyPermission => (typeof Notification == 'undefined' ? 'unsupported' : Notification.permission);

export async function askNotifyPermission(): Promise<NotifyPermission> {
  if (typeof Notification == 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shown when the console is not in front (the list itself tells otherwise); a click brings it back. */
export function notify(title: string, body: string, tag: string, onClick: () => void): void {
  if (notifyPermission() !== 'granted' || (document.visibilityState === 'visible' && document.hasFocus())) return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // some mobile browsers only notify from a service worker
  }
}
