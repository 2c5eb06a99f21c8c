import { createTheme } from '@mantine/core';

// Mantine's defaults miss WCAG AA contrast (blue-6 badges, #868e96 dimmed text, the yellow alert):
// the darker primary shade, automatic contrast on filled colours and the overrides in console.css.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.45,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  defaultRadius: 'sm',
});
