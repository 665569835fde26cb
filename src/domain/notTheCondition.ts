/**
 * Uses of a condition's word that tell of something else: a parcel "dropped off", "the settings"
 * modified, "the wall" painted. Every message of a claim is read for conditions, and a condition
 * read wrongly refuses the claim without a word, so these are removed before the cues are read.
 */

/** The things a customer calls the product itself: painting, dropping or changing these is the condition. */
const PRODUCT =
  '(?:it|them|this|that|these|those|(?:the |my |our |a |an |its |this |that )?(?:\\w+ )?(?:camera|cameras|cam|cams|unit|units|housing|lens|lenses|case|casing|dvr|nvr|recorder|device|product|system|dome|bullet|cable|cables|wire|wires|mount|bracket|board|hardware|firmware))';

/** Things around the product that get painted or opened: walls, the house, the app. */
const ELSEWHERE =
  '(?:wall|walls|house|room|ceiling|fence|door|doors|trim|garage|deck|porch|eaves|siding|shed|office|store|shop|hallway|kitchen|bedroom|barn|building|pole|post)';

/**
 * "UPS dropped it off 2 weeks ago", "I dropped it off at the store", "the courier drop-off": a
 * delivery, not a fall. "dropped it off the ladder" (off followed by a place) still is a fall.
 */
const DROP_OFF = new RegExp(
  [
    '\\bdrop(?:ped|s|ping)?(?: (?:it|them|the \\w+|my \\w+|a \\w+|the \\w+ \\w+))?[ -]off\\b(?! (?:the|a|an|my|our|his|her|their|its|of|from|onto|to the|this|that|some)\\b)',
    // "they dropped off the replacement": the thing delivered, not a place it fell from
    '\\bdrop(?:ped|s|ping)? off (?:the|a|an|my|our|your) (?:\\w+ )?(?:package|parcel|box|order|replacement|delivery|shipment|new one)\\b',
    // "they dropped it at the door": left somewhere, not let fall
    '\\bdrop(?:ped|s|ping)? (?:it|them|the \\w+|my \\w+)(?: off)? at\\b',
  ].join('|'),
  'g',
);

/** "I opened up the app", "opened up a ticket": not the product opened. */
const OPENED_ELSE =
  /\bopen(?:ed)?(?: up)? (?:the|a|an|my|our|your) (?:\w+ )?(?:app|application|ticket|case number|support case|claim|box|package|parcel|settings|menu|website|page|email|account|browser|software|door|gate|window)\b/g;

/** Settings, configuration and the like, changed in the app or menu: not a modification of the product. */
const SETTINGS =
  /\b(?:modif(?:ied|y|ying|ies)|alter(?:ed|ing)?|changed|tweaked|adjusted)(?: (?:the|my|some|a few|its|a|all|their|our|of the))?(?: \w+)? (?:settings?|config(?:uration)?s?|preferences|options|schedule|password|resolution|motion (?:zones?|detection|sensitivity)|sensitivity|time zone|timezone|date|time|network|wifi|wi-fi|ip address|ip|port|alerts?|notifications?|recording mode|channel|channels|layout|name|names|account|email|app)\b/g;

/** "we painted the wall behind it", "we had the house painted": something else was painted. */
const PAINTED_ELSE = new RegExp(
  [
    `\\b(?:re)?paint(?:ed|ing|s)? (?!${PRODUCT}\\b)(?:(?:on|of) )?(?:the |our |my |a |an |his |her |their |some )?(?:\\w+ )?${ELSEWHERE}\\b`,
    `\\b(?:the|our|my|a) (?!${PRODUCT}\\b)\\w+ (?:was |got |were |had been |being )?(?:re)?painted\\b`,
  ].join('|'),
  'g',
);

/**
 * The text without the phrasal and other-object uses of the conditions' words.
 * @example withoutOtherUses('ups dropped it off 2 weeks ago') // 'ups   2 weeks ago'
 */
export function withoutOtherUses(text: string): string {
  return text.replace(DROP_OFF, ' ').replace(SETTINGS, ' ').replace(PAINTED_ELSE, ' ').replace(OPENED_ELSE, ' ');
}
