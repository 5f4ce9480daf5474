import type { IgTranslation } from './types.js';

/** Spanish: the default locale and the fallback of every other. */
export const es: IgTranslation = {
  channels: {
    push: 'Push',
    inapp: 'In-App',
    sms: 'SMS',
    email: 'Email',
    chat: 'Chat',
    whatsapp: 'WhatsApp',
    journeys: 'Customer Journeys',
    wallet: 'Wallet',
  },
  kpisLabel: (channel) => `Indicadores de ${channel}`,
  metrics: { sent: 'Enviados', delivered: 'Entregados', clicked: 'Clics', ctr: 'CTR' },
  loading: 'Cargando indicadores…',
  empty: 'Sin datos para este periodo',
  notConnected: 'Widget sin conectar: falta el token de acceso de indigitall.',
  retry: 'Reintentar',
  errors: {
    unauthorized: 'Tu sesión ha caducado. Vuelve a iniciar sesión para ver los datos.',
    forbidden_project: 'No tienes acceso a este proyecto.',
    invalid_parameter: (param) => `El valor de «${param}» no es válido.`,
    not_found: 'No se ha encontrado la información solicitada.',
    project_not_found: 'Este proyecto no tiene Insights activado.',
    network: 'No se ha podido conectar con el servicio de analítica.',
    internal: 'No se han podido cargar los datos. Inténtalo de nuevo en unos minutos.',
  },
  change: {
    up: (amount) => `Sube ${amount} respecto al periodo anterior`,
    down: (amount) => `Baja ${amount} respecto al periodo anterior`,
    flat: 'Sin cambios respecto al periodo anterior',
    none: 'Sin datos del periodo anterior para comparar',
  },
  percentagePoints: (amount) => `${amount} p. p.`,
  percentagePointsLong: (amount) => `${amount} puntos porcentuales`,
  period: (current, previous) => `${current} · comparado con ${previous}`,
};
