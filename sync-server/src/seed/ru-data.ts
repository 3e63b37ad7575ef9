// biome-ignore-all format: compact word lists, one screen instead of five
/** Word lists and small pure helpers for the Russian demo workspace (seed/demo.ts). */

export const MALE_FIRST = [
  'Александр', 'Алексей', 'Андрей', 'Антон', 'Артём', 'Борис', 'Вадим', 'Валерий', 'Василий', 'Виктор',
  'Виталий', 'Владимир', 'Владислав', 'Геннадий', 'Георгий', 'Денис', 'Дмитрий', 'Евгений', 'Егор', 'Иван',
  'Игорь', 'Илья', 'Кирилл', 'Константин', 'Максим', 'Михаил', 'Никита', 'Николай', 'Олег', 'Павел',
  'Роман', 'Руслан', 'Сергей', 'Станислав', 'Степан', 'Тимур', 'Фёдор', 'Юрий', 'Ярослав', 'Григорий',
];

export const FEMALE_FIRST = [
  'Александра', 'Алина', 'Алла', 'Анастасия', 'Анна', 'Валентина', 'Валерия', 'Вера', 'Виктория', 'Галина',
  'Дарья', 'Евгения', 'Екатерина', 'Елена', 'Елизавета', 'Жанна', 'Ирина', 'Ксения', 'Лариса', 'Любовь',
  'Людмила', 'Маргарита', 'Марина', 'Мария', 'Надежда', 'Наталья', 'Оксана', 'Ольга', 'Полина', 'Светлана',
  'Софья', 'Татьяна', 'Ульяна', 'Юлия', 'Яна',
];

/** Fathers' names from which both patronymic forms are built (Иванович / Ивановна). */
export const PATRONYMIC_ROOTS: [male: string, female: string][] = [
  ['Александрович', 'Александровна'], ['Алексеевич', 'Алексеевна'], ['Андреевич', 'Андреевна'],
  ['Борисович', 'Борисовна'], ['Васильевич', 'Васильевна'], ['Викторович', 'Викторовна'],
  ['Владимирович', 'Владимировна'], ['Геннадьевич', 'Геннадьевна'], ['Дмитриевич', 'Дмитриевна'],
  ['Евгеньевич', 'Евгеньевна'], ['Иванович', 'Ивановна'], ['Игоревич', 'Игоревна'], ['Ильич', 'Ильинична'],
  ['Константинович', 'Константиновна'], ['Михайлович', 'Михайловна'], ['Николаевич', 'Николаевна'],
  ['Олегович', 'Олеговна'], ['Павлович', 'Павловна'], ['Петрович', 'Петровна'], ['Романович', 'Романовна'],
  ['Сергеевич', 'Сергеевна'], ['Юрьевич', 'Юрьевна'], ['Фёдорович', 'Фёдоровна'], ['Григорьевич', 'Григорьевна'],
];

/** Surnames in the masculine form; `femaleSurname` derives the feminine one. */
export const SURNAMES = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев',
  'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев',
  'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев', 'Киселёв',
  'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов', 'Тарасов',
  'Жуков', 'Баранов', 'Филиппов', 'Комаров', 'Давыдов', 'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сидоров',
  'Матвеев', 'Титов', 'Марков', 'Миронов', 'Крылов', 'Куликов', 'Карпов', 'Власов', 'Мельников', 'Денисов',
  'Гаврилов', 'Тихонов', 'Казаков', 'Афанасьев', 'Данилов', 'Савельев', 'Тимофеев', 'Фомин', 'Чернов', 'Абрамов',
  'Мартынов', 'Ефимов', 'Федотов', 'Щербаков', 'Назаров', 'Калинин', 'Исаев', 'Чернышёв', 'Быков', 'Маслов',
  'Родионов', 'Коновалов', 'Лазарев', 'Воронин', 'Климов', 'Филатов', 'Пономарёв', 'Голубев', 'Кудрявцев', 'Прохоров',
  'Островский', 'Вишневский', 'Ковальский', 'Полянский', 'Высоцкий', 'Шевченко', 'Бондаренко', 'Черных', 'Седых',
];

export function femaleSurname(male: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(male)) return `${male}а`;
  if (/(ский|цкий)$/.test(male)) return `${male.slice(0, -2)}ая`;
  return male; // Шевченко, Черных: the same for both
}

export const COMPANY_FORMS = ['ООО', 'ООО', 'ООО', 'ООО', 'АО', 'АО', 'ПАО', 'ЗАО'];
export const COMPANY_FORM_FULL: Record<string, string> = {
  ООО: 'Общество с ограниченной ответственностью',
  АО: 'Акционерное общество',
  ПАО: 'Публичное акционерное общество',
  ЗАО: 'Закрытое акционерное общество',
};
export const COMPANY_ROOTS = [
  'Север', 'Урал', 'Волга', 'Сибирь', 'Балт', 'Дон', 'Кама', 'Ока', 'Енисей', 'Алтай', 'Байкал', 'Восток', 'Запад',
  'Юг', 'Центр', 'Техно', 'Инвест', 'Агро', 'Мега', 'Гранд', 'Альфа', 'Вектор', 'Меридиан', 'Прогресс', 'Стандарт',
  'Регион', 'Росс', 'Нева', 'Полюс', 'Горизонт',
];
export const COMPANY_STEMS = [
  'сталь', 'строй', 'пром', 'снаб', 'лес', 'хим', 'энерго', 'маш', 'транс', 'торг', 'металл', 'нефть', 'софт',
  'мед', 'пласт', 'агро', 'комплект', 'дор', 'электро', 'фарм',
];
export const COMPANY_TAILS = ['', '', '', '-Трейд', '-Групп', '-Сервис', '-Логистик', '-М', '-Холдинг', ' Плюс', '-Инвест'];

/** Tax-office region codes (first two digits of an INN) with a city for the address. */
export const REGIONS: [code: string, city: string][] = [
  ['77', 'Москва'], ['77', 'Москва'], ['78', 'Санкт-Петербург'], ['50', 'Подольск'], ['66', 'Екатеринбург'],
  ['54', 'Новосибирск'], ['16', 'Казань'], ['52', 'Нижний Новгород'], ['63', 'Самара'], ['61', 'Ростов-на-Дону'],
  ['74', 'Челябинск'], ['24', 'Красноярск'], ['59', 'Пермь'], ['36', 'Воронеж'], ['23', 'Краснодар'],
];
export const STREETS = [
  'ул. Ленина', 'ул. Гагарина', 'пр-т Мира', 'ул. Советская', 'ул. Садовая', 'ул. Промышленная', 'ш. Энтузиастов',
  'ул. Заводская', 'ул. Победы', 'Московский пр-т', 'ул. Набережная', 'ул. Строителей', 'ул. Кирова',
];

export const SOURCES = ['Сайт', 'Сайт', 'Звонок', 'Звонок', 'Рекомендация', 'Выставка', 'Партнёр', 'amoCRM'];
export const TAGS = ['VIP', 'опт', 'розница', 'повторный', 'тендер', 'горячий', 'холодный', 'регион', 'госзаказ', 'сезон'];
export const INDUSTRIES = ['Розница', 'Производство', 'IT', 'Логистика', 'Строительство'];
export const MAIL_DOMAINS = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru'];
export const CITY_CODES = ['495', '499', '812', '343', '383', '843', '831', '846', '863'];

export const DEAL_SUBJECTS = [
  'Поставка оборудования', 'Внедрение CRM', 'Годовой контракт на обслуживание', 'Партия металлопроката',
  'Поставка стройматериалов', 'Аренда спецтехники', 'Комплексное снабжение офиса', 'Перевозка грузов',
  'Лицензии ПО на 50 мест', 'Монтаж вентиляции', 'Поставка упаковки', 'Разработка сайта', 'Аудит склада',
  'Оптовая закупка', 'Расширение договора', 'Пилотный проект', 'Техническая поддержка', 'Обучение персонала',
];
export const LEAD_SOURCE_DETAILS = [
  'Форма на сайте, страница «Цены»', 'Яндекс Директ, кампания «Весна»', 'Звонок с выставки «Иннопром»',
  'Рекомендация действующего клиента', 'Рассылка, ноябрьский выпуск', 'Импорт из amoCRM', 'Вебинар по внедрению',
];

export const TASK_TITLES = [
  'Позвонить клиенту', 'Отправить коммерческое предложение', 'Согласовать договор', 'Выставить счёт',
  'Уточнить реквизиты', 'Назначить встречу', 'Подготовить презентацию', 'Проверить оплату', 'Отправить акт сверки',
  'Уточнить сроки поставки', 'Напомнить о продлении', 'Собрать обратную связь', 'Обсудить скидку с руководителем',
];
export const NOTE_TEXTS = [
  'Клиент просит прислать КП до конца недели, бюджет согласован с финансовым директором.',
  'Созвонились, интерес есть, но решение после утверждения бюджета на следующий квартал.',
  'Отправил договор на согласование юристам клиента. Ждём правки.',
  'На встрече обсудили сроки поставки: критично успеть до начала сезона.',
  'Клиент сравнивает нас с двумя конкурентами, главный вопрос — цена и сроки.',
  'Попросили скидку 7% при предоплате. Согласовать с руководителем.',
  'Счёт оплачен частично, остаток обещали перевести в течение 10 дней.',
  'Контактное лицо сменилось, новый ответственный — заместитель директора по закупкам.',
  'Не дозвонился, оставил сообщение секретарю. Перезвонить завтра утром.',
  'Провели демонстрацию, понравился модуль отчётов. Нужна интеграция с 1С.',
  'Клиент доволен прошлой поставкой, готов обсуждать годовой контракт.',
  'Запросили рекомендации от наших клиентов из той же отрасли.',
];
export const POSITIONS = [
  'Генеральный директор', 'Коммерческий директор', 'Менеджер по закупкам', 'Главный бухгалтер',
  'Руководитель отдела снабжения', 'Финансовый директор', 'Офис-менеджер', 'Главный инженер',
];

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Latin spelling for e-mail addresses and web sites: "Соловьёв" → "solovev". */
export function translit(s: string): string {
  return [...s.toLowerCase()].map((ch) => TRANSLIT[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '')).join('');
}

const checkDigit = (digits: number[], weights: number[]) =>
  (weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11) % 10;

/** A 10-digit organisation INN from its first 9 digits. */
export function innWithCheck10(first9: string): string {
  return first9 + checkDigit([...first9].map(Number), [2, 4, 10, 3, 5, 9, 4, 6, 8]);
}

/** A 12-digit individual (ИП) INN from its first 10 digits. */
export function innWithCheck12(first10: string): string {
  const d = [...first10].map(Number);
  d.push(checkDigit(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  d.push(checkDigit(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  return d.join('');
}

/** A 13-digit OGRN from its first 12 digits: the last digit is (number mod 11) mod 10. */
export function ogrnWithCheck(first12: string): string {
  return first12 + String(Number((BigInt(first12) % 11n) % 10n));
}

/** mulberry32: tiny and fast, enough to make the demo data the same on every run with one seed. */
export class Rng {
  private a: number;
  constructor(seed: number) { this.a = seed >>> 0; }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)] as T; }
  /** Index into `weights`, chosen in proportion to them. */
  weighted(weights: readonly number[]): number {
    let r = this.next() * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

export interface FakePerson { first: string; last: string; full: string; short: string }

/** Surname, first name and patronymic agreeing in gender: «Соколова Ирина Петровна», short «Соколова И. П.». */
export function fakePerson(rng: Rng): FakePerson {
  const male = rng.chance(0.5);
  const surname = rng.pick(SURNAMES);
  const last = male ? surname : femaleSurname(surname);
  const first = rng.pick(male ? MALE_FIRST : FEMALE_FIRST);
  const patronymic = rng.pick(PATRONYMIC_ROOTS)[male ? 0 : 1];
  return { first, last, full: `${last} ${first} ${patronymic}`, short: `${last} ${first[0]}. ${patronymic[0]}.` };
}

const fourGroups = (rng: Rng) => `${rng.digits(3)}-${rng.digits(2)}-${rng.digits(2)}`;
export const mobilePhone = (rng: Rng) => `+7 (9${rng.digits(2)}) ${fourGroups(rng)}`;
export const officePhone = (rng: Rng) => `+7 (${rng.pick(CITY_CODES)}) ${fourGroups(rng)}`;
export const personalEmail = (rng: Rng, p: FakePerson) =>
  `${translit(p.first)}.${translit(p.last)}${rng.chance(0.4) ? rng.int(1, 99) : ''}@${rng.pick(MAIL_DOMAINS)}`;

/** Client columns of an organisation registered with tax office `taxOffice` (4 digits, region first). */
export function fakeOrganisation(rng: Rng, taxOffice: string) {
  const form = rng.pick(COMPANY_FORMS);
  const brand = rng.pick(COMPANY_ROOTS) + rng.pick(COMPANY_STEMS) + rng.pick(COMPANY_TAILS);
  const website = `${translit(brand)}.ru`;
  const phones = rng.chance(0.4) ? [officePhone(rng), mobilePhone(rng)] : [officePhone(rng)];
  return {
    short: `«${brand}»`,
    website,
    fields: {
      kind: 'company', name: `${form} «${brand}»`, legalName: `${COMPANY_FORM_FULL[form]} «${brand}»`,
      inn: innWithCheck10(taxOffice + rng.digits(5)), kpp: `${taxOffice}01001`,
      ogrn: ogrnWithCheck(`1${rng.int(10, 23)}${taxOffice.slice(0, 2)}${rng.digits(7)}`),
      website, phones, emails: [`${rng.pick(['info', 'sales', 'zakaz', 'office'])}@${website}`],
    },
  };
}

/** Client columns of a sole trader (ИП): a company-kind client with a 12-digit personal INN. */
export function fakeSoleTrader(rng: Rng, taxOffice: string) {
  const p = fakePerson(rng);
  const name = `ИП ${p.short}`;
  return {
    short: name,
    fields: {
      kind: 'company', name, legalName: `Индивидуальный предприниматель ${p.full}`,
      inn: innWithCheck12(taxOffice + rng.digits(6)), phones: [mobilePhone(rng)], emails: [personalEmail(rng, p)],
    },
  };
}
