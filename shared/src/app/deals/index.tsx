export { DealsBoardPage } from './board/BoardPage.tsx';
export { DealCardPage } from './card/DealCardPage.tsx';
export { CreateDealModal, type CreateDealModalProps } from './create/CreateDealModal.tsx';
export { ClientPicker, DealPicker } from './pickers/RecordPicker.tsx';
export { DealsTablePage } from './table/TablePage.tsx';
