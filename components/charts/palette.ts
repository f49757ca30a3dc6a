// Okabe–Ito colours: told apart by people with the common forms of colour blindness.
export const CHART_COLORS = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  sky: '#56B4E9',
  purple: '#CC79A7',
  grey: '#6b7280',
} as const;

export const SERIES_COLORS = [
  CHART_COLORS.blue,
  CHART_COLORS.orange,
  CHART_COLORS.green,
  CHART_COLORS.vermillion,
  CHART_COLORS.sky,
  CHART_COLORS.purple,
];
