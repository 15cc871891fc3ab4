/**
 * Presentation rules the grid, print and export share, so that a figure or a header reads the
 * same on screen, on paper and in Excel: digit grouping of amounts, and grouped headers.
 */

/** "3309473.59" → "3,309,473.59"; "-1234" → "-1,234". The digits are not re-rounded. */
export function groupThousands(decimal: string): string {
  const [whole = '', fraction] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Separator officials' grouped headers use in a column name: 目标值·2025年. */
export const HEADER_GROUP_SEPARATOR = '·';

/**
 * A column name as a grouped header: "目标值·2025年" is 2025年 under 目标值. A name with nothing
 * before or after the separator is not grouped.
 */
export function splitGroupedHeader(header: string): { group: string | null; leaf: string } {
  const at = header.indexOf(HEADER_GROUP_SEPARATOR);
  if (at <= 0 || at >= header.length - HEADER_GROUP_SEPARATOR.length) return { group: null, leaf: header };
  return { group: header.slice(0, at), leaf: header.slice(at + HEADER_GROUP_SEPARATOR.length) };
}

/**
 * The header as runs of columns: adjacent columns of one group share a band (the group's cell
 * above their leaves); a column of no group is a band of its own that spans both header rows.
 * `grouped` is false when no column has a group: then the header is one row.
 */
export function headerBands(headers: readonly string[]): {
  grouped: boolean;
  bands: { group: string | null; first: number; last: number; leaves: string[] }[];
} {
  const split = headers.map(splitGroupedHeader);
  const bands: { group: string | null; first: number; last: number; leaves: string[] }[] = [];
  for (let index = 0; index < split.length; index++) {
    const { group, leaf } = split[index]!;
    const previous = bands.at(-1);
    if (group !== null && previous?.group === group && previous.last === index - 1) {
      previous.last = index;
      previous.leaves.push(leaf);
    } else {
      bands.push({ group, first: index, last: index, leaves: [leaf] });
    }
  }
  return { grouped: split.some((entry) => entry.group !== null), bands };
}
