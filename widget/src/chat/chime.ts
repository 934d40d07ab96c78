/**
 * A soft two-note chime (Web Audio, no file to fetch), for a reply that arrives while the panel
 * is closed and the page asked for sound (`data-sound="true"`). Silent where audio is not allowed.
 */
export function chime(): void {
  try {
    const audio = new AudioContext();
    const at = audio.currentTime;
    const gain = audio.createGain();
    gain.gain.setValueAtTime(0.06, at);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.4);
    gain.connect(audio.destination);
    [660, 880].forEach((hz, i) => {
      const note = audio.createOscillator();
      note.frequency.value = hz;
      note.connect(gain);
      note.start(at + i * 0.12);
      note.stop(at + 0.4);
    });
    setTimeout(() => void audio.close(), 600);
  } catch {
    // No audio here: the badge and the preview still say it.
  }
}
