/** Geometry shared by the grid's header and body. */
export const ROW_HEIGHT = 40;
export const CHECK_WIDTH = 44;
