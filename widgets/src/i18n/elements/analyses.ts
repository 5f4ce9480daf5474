/**
 * The strings of <ig-saved-analyses>, per language: loaded with the element's own chunk, not with the up-front
 * bundle (the shared tables in ../types.ts hold what several elements use).
 */
import type { IgLocale } from '../types.js';

export interface IgAnalysesStrings {
  label: string;
  folders: string;
  allFolders: string;
  /** The top-level folder (`''`). */
  topLevel: string;
  /** A folder's count for screen readers (`count` formatted). */
  count: (count: string) => string;
  mine: string;
  shared: string;
  /** Another user's analysis shared with the project. */
  sharedWithMe: string;
  kinds: Readonly<Record<'widget' | 'dashboard' | 'chat', string>>;
  /** `when` is the last change, formatted. */
  updated: (when: string) => string;
  open: (name: string) => string;
  rename: string;
  newName: string;
  save: string;
  cancel: string;
  delete: string;
  confirmDelete: (name: string) => string;
  share: string;
  /** Status messages after a change (`name` as written). */
  renamed: (name: string) => string;
  deleted: (name: string) => string;
  sharedOn: (name: string) => string;
  sharedOff: (name: string) => string;
  /** 409: someone changed or deleted it since it was read. */
  conflict: string;
  reload: string;
  /** 403 forbidden_role, or a viewer's token: no write actions. */
  readOnly: string;
  /** The list is capped; `count` is formatted. */
  truncated: (count: string) => string;
  empty: string;
  emptyFolder: string;
}

export const analysesStrings: Readonly<Record<IgLocale, IgAnalysesStrings>> = {
  es: {
      label: 'Análisis guardados',
      folders: 'Carpetas',
      allFolders: 'Todas',
      topLevel: 'Sin carpeta',
      count: (count) => `${count} análisis`,
      mine: 'Mío',
      shared: 'Compartido',
      sharedWithMe: 'Compartido contigo',
      kinds: { widget: 'Widget', dashboard: 'Panel', chat: 'Chat' },
      updated: (when) => `Modificado: ${when}`,
      open: (name) => `Abrir ${name}`,
      rename: 'Renombrar',
      newName: 'Nuevo nombre',
      save: 'Guardar',
      cancel: 'Cancelar',
      delete: 'Eliminar',
      confirmDelete: (name) => `¿Eliminar «${name}»? No se puede deshacer.`,
      share: 'Compartir con el proyecto',
      renamed: (name) => `Renombrado a «${name}»`,
      deleted: (name) => `«${name}» eliminado`,
      sharedOn: (name) => `«${name}» compartido con el proyecto`,
      sharedOff: (name) => `«${name}» ya no se comparte`,
      conflict: 'Este análisis ha cambiado en otro lugar. Recarga para ver la última versión.',
      reload: 'Recargar',
      readOnly: 'Puedes ver los análisis, pero no modificarlos (rol de lectura).',
      truncated: (count) => `Se muestran los ${count} más recientes.`,
      empty: 'Aún no hay análisis guardados',
      emptyFolder: 'Esta carpeta está vacía',
  },
  en: {
      label: 'Saved analyses',
      folders: 'Folders',
      allFolders: 'All',
      topLevel: 'No folder',
      count: (count) => `${count} analyses`,
      mine: 'Mine',
      shared: 'Shared',
      sharedWithMe: 'Shared with you',
      kinds: { widget: 'Widget', dashboard: 'Dashboard', chat: 'Chat' },
      updated: (when) => `Changed: ${when}`,
      open: (name) => `Open ${name}`,
      rename: 'Rename',
      newName: 'New name',
      save: 'Save',
      cancel: 'Cancel',
      delete: 'Delete',
      confirmDelete: (name) => `Delete “${name}”? This cannot be undone.`,
      share: 'Share with the project',
      renamed: (name) => `Renamed to “${name}”`,
      deleted: (name) => `“${name}” deleted`,
      sharedOn: (name) => `“${name}” shared with the project`,
      sharedOff: (name) => `“${name}” no longer shared`,
      conflict: 'This analysis was changed elsewhere. Reload to see the latest version.',
      reload: 'Reload',
      readOnly: 'You can view analyses but not change them (viewer role).',
      truncated: (count) => `Showing the newest ${count}.`,
      empty: 'No saved analyses yet',
      emptyFolder: 'This folder is empty',
  },
  'pt-BR': {
      label: 'Análises salvas',
      folders: 'Pastas',
      allFolders: 'Todas',
      topLevel: 'Sem pasta',
      count: (count) => `${count} análises`,
      mine: 'Minha',
      shared: 'Compartilhada',
      sharedWithMe: 'Compartilhada com você',
      kinds: { widget: 'Widget', dashboard: 'Painel', chat: 'Chat' },
      updated: (when) => `Alterada: ${when}`,
      open: (name) => `Abrir ${name}`,
      rename: 'Renomear',
      newName: 'Novo nome',
      save: 'Salvar',
      cancel: 'Cancelar',
      delete: 'Excluir',
      confirmDelete: (name) => `Excluir “${name}”? Não é possível desfazer.`,
      share: 'Compartilhar com o projeto',
      renamed: (name) => `Renomeada para “${name}”`,
      deleted: (name) => `“${name}” excluída`,
      sharedOn: (name) => `“${name}” compartilhada com o projeto`,
      sharedOff: (name) => `“${name}” não é mais compartilhada`,
      conflict: 'Esta análise foi alterada em outro lugar. Recarregue para ver a versão mais recente.',
      reload: 'Recarregar',
      readOnly: 'Você pode ver as análises, mas não alterá-las (perfil de leitura).',
      truncated: (count) => `Mostrando as ${count} mais recentes.`,
      empty: 'Ainda não há análises salvas',
      emptyFolder: 'Esta pasta está vazia',
  },
};
