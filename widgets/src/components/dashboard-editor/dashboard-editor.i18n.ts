/**
 * The strings of `<ig-dashboard-editor>`, per language (Spanish the fallback). Kept with the element
 * (a lazy chunk of the CDN build), not in the shared tables of `i18n/` that load up front.
 */
import type { IgLocale } from '../../i18n/index.js';

export interface IgDashboardEditorStrings {
  label: string;
  toolbar: string;
  name: string;
  defaultName: string;
  newDashboard: string;
  undo: string;
  redo: string;
  save: string;
  saveCopy: string;
  share: string;
  preview: string;
  palette: string;
  /** Read before a palette entry's tag (visually hidden). */
  add: string;
  canvas: string;
  emptyCanvas: string;
  row: (n: number) => string;
  /** The cell's accessible name. */
  cell: (tag: string, span: number, row: number, position: number) => string;
  keys: string;
  moveLeft: string;
  moveRight: string;
  moveUp: string;
  moveDown: string;
  narrower: string;
  wider: string;
  edit: string;
  remove: string;
  attributes: (tag: string) => string;
  noAttributes: string;
  defaultValue: (value: string) => string;
  unset: string;
  done: string;
  /** Validation messages. */
  invalidNumber: string;
  invalidDate: string;
  invalidJson: string;
  tooLong: string;
  invalidChoice: string;
  nameRequired: string;
  /** Live announcements. */
  added: (tag: string) => string;
  moved: (tag: string, row: number, position: number) => string;
  resized: (tag: string, span: number) => string;
  removed: (tag: string) => string;
  changed: (tag: string, attribute: string) => string;
  undone: string;
  redone: string;
  saved: (name: string) => string;
  sharedOn: (name: string) => string;
  sharedOff: (name: string) => string;
  opened: (name: string) => string;
  cleared: string;
  full: string;
  /** Problems. */
  noManifest: string;
  manifestFailed: string;
  notDashboard: string;
  conflict: string;
  readOnly: string;
  notMine: string;
  previewEmpty: string;
}

const es: IgDashboardEditorStrings = {
  label: 'Editor de cuadros de mando',
  toolbar: 'Acciones del cuadro de mando',
  name: 'Nombre',
  defaultName: 'Cuadro de mando sin nombre',
  newDashboard: 'Nuevo',
  undo: 'Deshacer',
  redo: 'Rehacer',
  save: 'Guardar',
  saveCopy: 'Guardar una copia',
  share: 'Compartir con el proyecto',
  preview: 'Vista previa',
  palette: 'Elementos',
  add: 'Añadir',
  canvas: 'Disposición',
  emptyCanvas: 'Vacío: añade elementos desde la lista.',
  row: (n) => `Fila ${n}`,
  cell: (tag, span, row, position) => `${tag}, ${span} de 12 columnas, fila ${row}, posición ${position}`,
  keys: 'Flechas: mover. Mayúsculas + flecha izquierda o derecha: estrechar o ensanchar. Intro: editar atributos. Suprimir: quitar.',
  moveLeft: 'Mover a la izquierda',
  moveRight: 'Mover a la derecha',
  moveUp: 'Mover a la fila anterior',
  moveDown: 'Mover a la fila siguiente',
  narrower: 'Estrechar',
  wider: 'Ensanchar',
  edit: 'Editar atributos',
  remove: 'Quitar',
  attributes: (tag) => `Atributos de ${tag}`,
  noAttributes: 'Este elemento no tiene atributos editables.',
  defaultValue: (value) => `Por defecto: ${value}`,
  unset: '(sin definir)',
  done: 'Hecho',
  invalidNumber: 'Escribe un número.',
  invalidDate: 'Escribe una fecha AAAA-MM-DD.',
  invalidJson: 'Escribe JSON válido.',
  tooLong: 'Como máximo 2000 caracteres.',
  invalidChoice: 'Elige un valor de la lista.',
  nameRequired: 'Escribe un nombre.',
  added: (tag) => `${tag} añadido.`,
  moved: (tag, row, position) => `${tag} en la fila ${row}, posición ${position}.`,
  resized: (tag, span) => `${tag}: ${span} de 12 columnas.`,
  removed: (tag) => `${tag} quitado.`,
  changed: (tag, attribute) => `${tag}: ${attribute} cambiado.`,
  undone: 'Deshecho.',
  redone: 'Rehecho.',
  saved: (name) => `«${name}» guardado.`,
  sharedOn: (name) => `«${name}» compartido con el proyecto.`,
  sharedOff: (name) => `«${name}» ya no está compartido.`,
  opened: (name) => `«${name}» abierto.`,
  cleared: 'Nuevo cuadro de mando.',
  full: 'Un cuadro de mando tiene como máximo 50 elementos.',
  noManifest: 'Falta la descripción de los elementos (manifest o manifest-url).',
  manifestFailed: 'No se pudo leer la descripción de los elementos.',
  notDashboard: 'Este análisis no es un cuadro de mando.',
  conflict: 'Otra persona cambió este cuadro de mando. Ábrelo de nuevo o guarda una copia.',
  readOnly: 'Tu rol puede ver cuadros de mando, pero no editarlos.',
  notMine: 'Compartido por otra persona: guardar crea una copia tuya.',
  previewEmpty: 'La vista previa aparece al añadir elementos.',
};

const en: IgDashboardEditorStrings = {
  label: 'Dashboard editor',
  toolbar: 'Dashboard actions',
  name: 'Name',
  defaultName: 'Untitled dashboard',
  newDashboard: 'New',
  undo: 'Undo',
  redo: 'Redo',
  save: 'Save',
  saveCopy: 'Save a copy',
  share: 'Share with the project',
  preview: 'Preview',
  palette: 'Elements',
  add: 'Add',
  canvas: 'Layout',
  emptyCanvas: 'Empty: add elements from the list.',
  row: (n) => `Row ${n}`,
  cell: (tag, span, row, position) => `${tag}, ${span} of 12 columns, row ${row}, position ${position}`,
  keys: 'Arrows: move. Shift + left or right arrow: narrower or wider. Enter: edit attributes. Delete: remove.',
  moveLeft: 'Move left',
  moveRight: 'Move right',
  moveUp: 'Move to the previous row',
  moveDown: 'Move to the next row',
  narrower: 'Narrower',
  wider: 'Wider',
  edit: 'Edit attributes',
  remove: 'Remove',
  attributes: (tag) => `Attributes of ${tag}`,
  noAttributes: 'This element has no editable attributes.',
  defaultValue: (value) => `Default: ${value}`,
  unset: '(unset)',
  done: 'Done',
  invalidNumber: 'Enter a number.',
  invalidDate: 'Enter a date as YYYY-MM-DD.',
  invalidJson: 'Enter valid JSON.',
  tooLong: 'At most 2000 characters.',
  invalidChoice: 'Pick a value from the list.',
  nameRequired: 'Enter a name.',
  added: (tag) => `${tag} added.`,
  moved: (tag, row, position) => `${tag} at row ${row}, position ${position}.`,
  resized: (tag, span) => `${tag}: ${span} of 12 columns.`,
  removed: (tag) => `${tag} removed.`,
  changed: (tag, attribute) => `${tag}: ${attribute} changed.`,
  undone: 'Undone.',
  redone: 'Redone.',
  saved: (name) => `“${name}” saved.`,
  sharedOn: (name) => `“${name}” shared with the project.`,
  sharedOff: (name) => `“${name}” is no longer shared.`,
  opened: (name) => `“${name}” opened.`,
  cleared: 'New dashboard.',
  full: 'A dashboard holds at most 50 elements.',
  noManifest: 'The element description is missing (manifest or manifest-url).',
  manifestFailed: 'The element description could not be read.',
  notDashboard: 'This analysis is not a dashboard.',
  conflict: 'Someone else changed this dashboard. Open it again or save a copy.',
  readOnly: 'Your role can view dashboards but not edit them.',
  notMine: 'Shared by someone else: saving makes a copy of your own.',
  previewEmpty: 'The preview appears once you add elements.',
};

const ptBR: IgDashboardEditorStrings = {
  label: 'Editor de painéis',
  toolbar: 'Ações do painel',
  name: 'Nome',
  defaultName: 'Painel sem nome',
  newDashboard: 'Novo',
  undo: 'Desfazer',
  redo: 'Refazer',
  save: 'Salvar',
  saveCopy: 'Salvar uma cópia',
  share: 'Compartilhar com o projeto',
  preview: 'Pré-visualização',
  palette: 'Elementos',
  add: 'Adicionar',
  canvas: 'Disposição',
  emptyCanvas: 'Vazio: adicione elementos da lista.',
  row: (n) => `Linha ${n}`,
  cell: (tag, span, row, position) => `${tag}, ${span} de 12 colunas, linha ${row}, posição ${position}`,
  keys: 'Setas: mover. Shift + seta esquerda ou direita: estreitar ou alargar. Enter: editar atributos. Delete: remover.',
  moveLeft: 'Mover para a esquerda',
  moveRight: 'Mover para a direita',
  moveUp: 'Mover para a linha anterior',
  moveDown: 'Mover para a linha seguinte',
  narrower: 'Estreitar',
  wider: 'Alargar',
  edit: 'Editar atributos',
  remove: 'Remover',
  attributes: (tag) => `Atributos de ${tag}`,
  noAttributes: 'Este elemento não tem atributos editáveis.',
  defaultValue: (value) => `Padrão: ${value}`,
  unset: '(não definido)',
  done: 'Concluído',
  invalidNumber: 'Digite um número.',
  invalidDate: 'Digite uma data AAAA-MM-DD.',
  invalidJson: 'Digite um JSON válido.',
  tooLong: 'No máximo 2000 caracteres.',
  invalidChoice: 'Escolha um valor da lista.',
  nameRequired: 'Digite um nome.',
  added: (tag) => `${tag} adicionado.`,
  moved: (tag, row, position) => `${tag} na linha ${row}, posição ${position}.`,
  resized: (tag, span) => `${tag}: ${span} de 12 colunas.`,
  removed: (tag) => `${tag} removido.`,
  changed: (tag, attribute) => `${tag}: ${attribute} alterado.`,
  undone: 'Desfeito.',
  redone: 'Refeito.',
  saved: (name) => `“${name}” salvo.`,
  sharedOn: (name) => `“${name}” compartilhado com o projeto.`,
  sharedOff: (name) => `“${name}” não está mais compartilhado.`,
  opened: (name) => `“${name}” aberto.`,
  cleared: 'Novo painel.',
  full: 'Um painel tem no máximo 50 elementos.',
  noManifest: 'Falta a descrição dos elementos (manifest ou manifest-url).',
  manifestFailed: 'Não foi possível ler a descrição dos elementos.',
  notDashboard: 'Esta análise não é um painel.',
  conflict: 'Outra pessoa alterou este painel. Abra-o de novo ou salve uma cópia.',
  readOnly: 'Seu papel pode ver painéis, mas não editá-los.',
  notMine: 'Compartilhado por outra pessoa: salvar cria uma cópia sua.',
  previewEmpty: 'A pré-visualização aparece ao adicionar elementos.',
};

const TABLES: Readonly<Record<IgLocale, IgDashboardEditorStrings>> = { es, en, 'pt-BR': ptBR };

/** The table of a language (unknown: Spanish). */
export function dashboardEditorStrings(language: IgLocale): IgDashboardEditorStrings {
  return TABLES[language] ?? es;
}
