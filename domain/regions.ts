// Kemendagri region codes: province `33`, regency `33.02`, district `33.02.14`, village `33.02.14.2001`.
export const REGION_CODE_PATTERN = /^\d{2}(\.\d{2}){0,2}(\.\d{4})?$/;
