/**
 * The only place with colours and sizes. Components read AntD tokens (`theme.useToken()`) or the
 * layout constants below; nothing else hard-codes a colour or a pixel size.
 *
 * Text colours are darker than AntD's defaults so secondary text keeps a contrast of at least
 * 4.5:1 on white (WCAG 2.2 1.4.3, conventions-and-security.md A.2).
 */
import type { ThemeConfig } from 'antd';

const primary = '#1f5fbf';

/** Fixed layout sizes (CSS pixels). */
export const LAYOUT = {
  headerHeight: 56,
  siderWidth: 220,
  siderCollapsedWidth: 64,
  loginCardWidth: 420,
  accountCardWidth: 640,
  regionPanelWidth: 280,
  filterControlWidth: 200,
  regionTreeHeight: 480,
  qrCodeSize: 196,
  wideModalWidth: 960,
  jsonMaxHeight: 320,
  contentMinHeight: 360,
  /** Touch targets on phone pages: at least 44×44 (conventions A.2, WCAG 2.5.8); 48 for main actions. */
  touchTarget: 48,
  touchTargetMin: 44,
  phoneMaxWidth: 560,
  bottomBarHeight: 76,
  rateCardWidth: 220,
} as const;

export const appTheme: ThemeConfig = {
  cssVar: { key: 'yiyang' },
  token: {
    colorPrimary: primary,
    colorInfo: primary,
    colorLink: primary,
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerHeight: LAYOUT.headerHeight,
      headerPadding: '0 24px',
      siderBg: '#0f2a4d',
      triggerBg: '#0b2140',
    },
    Menu: {
      darkItemBg: '#0f2a4d',
      darkSubMenuItemBg: '#0b2140',
      darkItemSelectedBg: primary,
    },
  },
};

