/**
 * The strings of <ig-subscriptions> and <ig-alerts>, per language: loaded with their chunks, not with
 * the up-front bundle.
 */
import type { IgLocale } from '../types.js';

export interface IgReportsStrings {
  subscriptionsLabel: string;
  alertsLabel: string;
  emptySubscriptions: string;
  emptyAlerts: string;
  paused: string;
  firing: string;
  pause: string;
  test: string;
  history: string;
  delete: string;
  confirmDelete: (name: string) => string;
  cancel: string;
  create: string;
  save: string;
  name: string;
  channel: string;
  metric: string;
  frequency: string;
  frequencies: Readonly<Record<'daily' | 'weekly' | 'monthly', string>>;
  hour: string;
  email: string;
  threshold: string;
  kinds: Readonly<Record<'threshold' | 'anomaly', string>>;
  kind: string;
  /** `hour` as HH:00. */
  schedule: (frequency: string, hour: string) => string;
  rule: (metric: string, kind: string) => string;
  states: Readonly<Record<'pending' | 'sending' | 'sent' | 'failed', string>>;
  noHistory: string;
  created: (name: string) => string;
  deleted: (name: string) => string;
  pausedOn: (name: string) => string;
  pausedOff: (name: string) => string;
  tested: (name: string) => string;
  conflict: string;
  readOnly: string;
  fired: (day: string) => string;
}

export const reportsStrings: Readonly<Record<IgLocale, IgReportsStrings>> = {
  es: {
    subscriptionsLabel: 'Mis informes por correo',
    alertsLabel: 'Mis alertas',
    emptySubscriptions: 'Aún no tienes informes programados',
    emptyAlerts: 'Aún no tienes alertas',
    paused: 'En pausa',
    firing: 'Activa',
    pause: 'Pausar',
    test: 'Enviar prueba',
    history: 'Historial',
    delete: 'Eliminar',
    confirmDelete: (n) => `¿Eliminar «${n}»? No se puede deshacer.`,
    cancel: 'Cancelar',
    create: 'Nuevo',
    save: 'Guardar',
    name: 'Nombre',
    channel: 'Canal',
    metric: 'Métrica',
    frequency: 'Frecuencia',
    frequencies: { daily: 'Diario', weekly: 'Semanal (lunes)', monthly: 'Mensual (día 1)' },
    hour: 'Hora',
    email: 'Correo',
    threshold: 'Umbral',
    kinds: { threshold: 'Por debajo del umbral', anomaly: 'Fuera de lo habitual (3 σ)' },
    kind: 'Tipo',
    schedule: (f, h) => `${f} a las ${h}`,
    rule: (m, k) => `${m}: ${k}`,
    states: { pending: 'Pendiente', sending: 'Enviando', sent: 'Enviado', failed: 'Fallido' },
    noHistory: 'Sin envíos todavía',
    created: (n) => `«${n}» creado`,
    deleted: (n) => `«${n}» eliminado`,
    pausedOn: (n) => `«${n}» en pausa`,
    pausedOff: (n) => `«${n}» reanudado`,
    tested: (n) => `Prueba de «${n}» en camino`,
    conflict: 'Ha cambiado en otro lugar. Recarga para ver la última versión.',
    readOnly: 'Tu rol no permite crear alertas.',
    fired: (d) => `Disparada por el ${d}`,
  },
  en: {
    subscriptionsLabel: 'My e-mail reports',
    alertsLabel: 'My alerts',
    emptySubscriptions: 'No scheduled reports yet',
    emptyAlerts: 'No alerts yet',
    paused: 'Paused',
    firing: 'Firing',
    pause: 'Pause',
    test: 'Send a test',
    history: 'History',
    delete: 'Delete',
    confirmDelete: (n) => `Delete “${n}”? This cannot be undone.`,
    cancel: 'Cancel',
    create: 'New',
    save: 'Save',
    name: 'Name',
    channel: 'Channel',
    metric: 'Metric',
    frequency: 'Frequency',
    frequencies: { daily: 'Daily', weekly: 'Weekly (Monday)', monthly: 'Monthly (1st)' },
    hour: 'Hour',
    email: 'E-mail',
    threshold: 'Threshold',
    kinds: { threshold: 'Below a threshold', anomaly: 'Beyond the usual (3 σ)' },
    kind: 'Kind',
    schedule: (f, h) => `${f} at ${h}`,
    rule: (m, k) => `${m}: ${k}`,
    states: { pending: 'Pending', sending: 'Sending', sent: 'Sent', failed: 'Failed' },
    noHistory: 'Nothing sent yet',
    created: (n) => `“${n}” created`,
    deleted: (n) => `“${n}” deleted`,
    pausedOn: (n) => `“${n}” paused`,
    pausedOff: (n) => `“${n}” resumed`,
    tested: (n) => `A test of “${n}” is on its way`,
    conflict: 'It changed elsewhere. Reload to see the latest version.',
    readOnly: 'Your role cannot create alerts.',
    fired: (d) => `Fired for ${d}`,
  },
  'pt-BR': {
    subscriptionsLabel: 'Meus relatórios por e-mail',
    alertsLabel: 'Meus alertas',
    emptySubscriptions: 'Nenhum relatório programado ainda',
    emptyAlerts: 'Nenhum alerta ainda',
    paused: 'Pausado',
    firing: 'Disparado',
    pause: 'Pausar',
    test: 'Enviar teste',
    history: 'Histórico',
    delete: 'Excluir',
    confirmDelete: (n) => `Excluir “${n}”? Não é possível desfazer.`,
    cancel: 'Cancelar',
    create: 'Novo',
    save: 'Salvar',
    name: 'Nome',
    channel: 'Canal',
    metric: 'Métrica',
    frequency: 'Frequência',
    frequencies: { daily: 'Diário', weekly: 'Semanal (segunda)', monthly: 'Mensal (dia 1)' },
    hour: 'Hora',
    email: 'E-mail',
    threshold: 'Limite',
    kinds: { threshold: 'Abaixo do limite', anomaly: 'Fora do habitual (3 σ)' },
    kind: 'Tipo',
    schedule: (f, h) => `${f} às ${h}`,
    rule: (m, k) => `${m}: ${k}`,
    states: { pending: 'Pendente', sending: 'Enviando', sent: 'Enviado', failed: 'Falhou' },
    noHistory: 'Nenhum envio ainda',
    created: (n) => `“${n}” criado`,
    deleted: (n) => `“${n}” excluído`,
    pausedOn: (n) => `“${n}” pausado`,
    pausedOff: (n) => `“${n}” retomado`,
    tested: (n) => `Um teste de “${n}” está a caminho`,
    conflict: 'Mudou em outro lugar. Recarregue para ver a versão mais recente.',
    readOnly: 'Seu papel não permite criar alertas.',
    fired: (d) => `Disparado para ${d}`,
  },
};
