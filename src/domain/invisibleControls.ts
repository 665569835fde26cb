/**
 * Bidirectional controls and zero-width characters: in text an agent types, they could make the
 * console show other words than are stored.
 */
export const INVISIBLE_CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
