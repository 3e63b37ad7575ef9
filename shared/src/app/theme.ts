import { createTheme, Drawer, Modal } from '@mantine/core';
import i18n from 'i18next';

/**
 * Every dialog's close button gets a name (screen readers, tests), in the language shown when it renders: a getter,
 * because Mantine spreads these props onto the button at each render and the user can switch language meanwhile.
 */
const closeButtonProps = {
  get 'aria-label'() {
    return i18n.t('common:actions.close');
  },
};

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
  },
});
