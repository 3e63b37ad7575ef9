/** Strings every screen uses. */
export const ru = {
  actions: {
    save: 'Сохранить',
    cancel: 'Отмена',
    delete: 'Удалить',
    restore: 'Восстановить',
    edit: 'Изменить',
    create: 'Создать',
    add: 'Добавить',
    close: 'Закрыть',
    search: 'Поиск',
    confirm: 'Подтвердить',
  },
  mutation: { failed: 'Изменение не принято' },
  empty: 'Пусто',
  loading: 'Загрузка…',
  onlineOnly: 'Доступно только при подключении к серверу',
};

export const en: typeof ru = {
  actions: {
    save: 'Save',
    cancel: 'Cancel',
    delete: 'Delete',
    restore: 'Restore',
    edit: 'Edit',
    create: 'Create',
    add: 'Add',
    close: 'Close',
    search: 'Search',
    confirm: 'Confirm',
  },
  mutation: { failed: 'Change not accepted' },
  empty: 'Nothing here',
  loading: 'Loading…',
  onlineOnly: 'Available only while connected to the server',
};
