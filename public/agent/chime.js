/** A short two-note chime made with the Web Audio API: no sound file to fetch. Muting is remembered in this browser. */
const MUTED_KEY = 'qsee.agent.muted';
let audio = null;

export const isMuted = () => localStorage.getItem(MUTED_KEY) === '1';

export function setMuted(muted) {
  if (muted) localStorage.setItem(MUTED_KEY, '1');
  else localStorage.removeItem(MUTED_KEY);
}

/**
 * Browsers let a page play sound only after the agent has clicked in it: any click prepares the
 * audio, so a chime later (with the page in the background) is heard.
 */
export function prepareAudio() {
  if (!window.AudioContext) return;
  audio ??= new AudioContext();
  if (audio.state === 'suspended') audio.resume().catch(() => {});
}

export function chime() {
  if (isMuted() || !window.AudioContext) return;
  audio ??= new AudioContext();
  const start = audio.currentTime;
  for (const [i, frequency] of [880, 1320].entries()) {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    const at = start + i * 0.12;
    // a quick fade in and out: no click at either end
    volume.gain.setValueAtTime(0, at);
    volume.gain.linearRampToValueAtTime(0.2, at + 0.01);
    volume.gain.exponentialRampToValueAtTime(0.001, at + 0.18);
    tone.connect(volume).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.2);
  }
}
