// The official region list shipped with Payung (wilayah-jawa-tengah.csv, Kepmendagri codes): read and
// checked here, so a damaged file stops the start with the line to fix instead of loading half a tree.
import fs from 'node:fs';
import path from 'node:path';
import { REGION_LEVELS, type RegionLevel } from '@/domain/enums';
import { REGION_CODE_PATTERN } from '@/domain/regions';

export const REGION_LIST_FILE = path.join(process.cwd(), 'db', 'reference', 'wilayah-jawa-tengah.csv');

export interface OfficialRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** The code length of each level: a parent is exactly one level up. */
const CODE_LENGTH: Record<RegionLevel, number> = { province: 2, regency: 5, district: 8, village: 13 };

/** Parses the list (`kode,nama,tingkat,kode_induk`, sorted so a parent comes before its children). */
export function parseRegionList(text: string): OfficialRegion[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== 'kode,nama,tingkat,kode_induk') {
    throw new Error(`${REGION_LIST_FILE}: the header must be "kode,nama,tingkat,kode_induk"`);
  }
  const byCode = new Map<string, OfficialRegion>();
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${REGION_LIST_FILE} line ${index + 2}`;
    // Names hold no comma or quote: a line with either is a file this parser would misread.
    const fields = line.split(',');
    if (fields.length !== 4 || line.includes('"')) throw new Error(`${where}: expected 4 plain fields`);
    const [code, name, level, parent] = fields.map((f) => f.trim()) as [string, string, string, string];
    if (!REGION_CODE_PATTERN.test(code)) throw new Error(`${where}: bad code "${code}"`);
    if (!(REGION_LEVELS as readonly string[]).includes(level)) throw new Error(`${where}: bad level "${level}"`);
    const region: OfficialRegion = { code, name, level: level as RegionLevel, parentCode: parent === '' ? null : parent };
    if (code.length !== CODE_LENGTH[region.level]) throw new Error(`${where}: "${code}" is not a ${level} code`);
    if (name === '') throw new Error(`${where}: no name`);
    const expectedParent = region.level === 'province' ? null : code.slice(0, code.lastIndexOf('.'));
    if (region.parentCode !== expectedParent || (expectedParent !== null && !byCode.has(expectedParent))) {
      throw new Error(`${where}: the parent of "${code}" must be "${expectedParent ?? ''}", listed before it`);
    }
    if (byCode.has(code)) throw new Error(`${where}: "${code}" is listed twice`);
    byCode.set(code, region);
  });
  return [...byCode.values()];
}

export function readRegionList(file = REGION_LIST_FILE): OfficialRegion[] {
  return parseRegionList(fs.readFileSync(file, 'utf8'));
}
