/**
 * The planner's vocabulary over folded text (lower case, no accents): channels, metrics and the cue
 * words of each intent, Spanish and English side by side. Patterns are matched in list order and a
 * match is blanked before the next pattern runs, so "tasa de apertura" is read once, as openRate,
 * and not again as "aperturas".
 */
import type { KpiChannel } from '../../services/kpis.js';
import { blank } from './text.js';

export type Metric =
  | 'sent'
  | 'delivered'
  | 'opened'
  | 'clicked'
  | 'ctr'
  | 'deliveryRate'
  | 'openRate'
  | 'bounced'
  | 'bounceRate'
  | 'unsubscribed'
  | 'cost'
  | 'impressions'
  | 'read'
  | 'readRate';

export interface Found<T> {
  value: T;
  at: number;
}

export const CHANNEL_PATTERNS: [RegExp, KpiChannel][] = [
  [/\b(?:(?:mensajes|notificaciones|mensagens|notificacoes|messages|notifications)\s+)?in[- ]?apps?\b/g, 'inapp'],
  [/\b(?:notificaciones|notificacion|notificacoes|notificacao|notifications?|notis|notif)\s+push\b|\bpush(?:es|s)?(?:\s+notifications?)?\b|\bnotificaciones\b|\bnotificacoes\b|\bnotifications\b|\bnotis\b/g, 'push'],
  [/\bsms(?:'?s|es)?\b|\bmensa(?:jes?|jitos?|gens?|gem) de texto\b|\btext(?:s| messages?)\b/g, 'sms'],
  [/\be-?mails?\b|\bcorreos?(?: electronicos?)?\b|\bcorreio(?:s)?(?: eletronicos?)?\b|\bmail(?:s|ing|ings)?\b|\bnewsletters?\b/g, 'email'],
  [/\bwhats ?app(?:s|'s)?\b|\bwhats ?aps?\b|\bwasaps?\b|\bguasaps?\b|\bwhatsapps?\b|\bwpp\b|\bzap\b|\bchat\b|\bconversacional\b/g, 'chat'],
  [/\bwallet\b|\bpases\b|\bpase\b|\bpasses\b|\bpass\b|\bapple wallet\b|\bgoogle wallet\b/g, 'wallet'],
  [/\btodos los canales\b|\btodos os canais\b|\ball (?:the )?channels\b|\bcada canal\b|\bevery channel\b|\beach channel\b|\bglobal(?:es|mente)?\b|\ben total\b|\bin total\b|\boverall\b|\bacross channels\b|\bentre canales\b|\bpor canal\b|\bby channel\b|\bper channel\b/g, 'all'],
];

export const METRIC_PATTERNS: [RegExp, Metric][] = [
  [/\b(?:tasa|taxa|ratio|porcentaje|percentual|%) de aberturas?\b|\b(?:tasa|ratio|porcentaje|%) de aperturas?\b|\bopen[- ]?rates?\b/g, 'openRate'],
  [/\bctr\b|\b(?:tasa|taxa|ratio|porcentaje|percentual|%) de (?:clics?|clicks?|click|cliques?)\b|\bclick[- ]?through(?: rates?)?\b|\bclick[- ]?rates?\b/g, 'ctr'],
  [/\b(?:tasa|taxa|ratio|porcentaje|percentual|%) de entregas?\b|\bdelivery rates?\b|\bentregabilidad\b|\bentregabilidade\b|\bdeliverability\b/g, 'deliveryRate'],
  [/\b(?:tasa|taxa|ratio|porcentaje|percentual|%) de (?:rebotes?|rejeicao|rejeicoes|bounces?)\b|\bbounce rates?\b/g, 'bounceRate'],
  [/\b(?:tasa|taxa|ratio|porcentaje|percentual|%) de (?:lecturas?|leituras?)\b|\bread rates?\b/g, 'readRate'],
  [/\bcostes?\b|\bcostos?\b|\bcustos?\b|\bcost(?:s|ed)?\b|\bgast(?:o|os|amos|ado|aron|ando|aram)\b|\bspen(?:d|t|ding)\b|\bcuanto (?:pagamos|nos cuesta|cuesta|nos costo|costo|nos costaron|costaron)\b|\b(?:nos )?costaron\b|\bcustaram\b|\bhow much (?:did|do) we pay\b|\bprecio\b/g, 'cost'],
  [/\brebot(?:es|ados|adas|ado|e|aron|o)\b|\bbounce[sd]?\b|\brejei(?:coes|cao|tados|tadas)\b/g, 'bounced'],
  [/\bbajas\b|\bdesuscri\w*|\bunsubscri\w*|\bdieron de baja\b|\bdarse de baja\b|\bopt[- ]?outs?\b|\bdescadastr\w*/g, 'unsubscribed'],
  [/\bimpresiones\b|\bimpressoes\b|\bimpressions\b|\bvisualizaciones\b|\bviews\b/g, 'impressions'],
  [/\bleid(?:o|os|a|as)\b|\blecturas\b|\bleyeron\b|\blid(?:o|os|a|as)\b|\bleituras\b|\b(?:were|was|been) read\b|\bread messages\b|\bmessages read\b/g, 'read'],
  [/\baperturas?\b|\baberturas?\b|\babiert(?:o|os|a|as)\b|\babert(?:o|os|a|as)\b|\babrieron\b|\babriram\b|\bopens\b|\bopened\b/g, 'opened'],
  [/\bclics?\b|\bclicks?\b|\bcliques?\b|\bclicked\b|\bclickados\b|\bpulsaciones\b|\bhicieron clic\b|\bclicaram\b/g, 'clicked'],
  [/\bentreg(?:ado|ados|ada|adas|o|aron|amos|ues|ou|aram)\b|\bentregas\b|\bdelivered\b|\bdeliveries\b|\brecibid(?:o|os|a|as)\b|\breceived\b/g, 'delivered'],
  [/\benvi(?:os|o|ados|adas|ado|ada|amos|aron|aram)\b|\bmandad(?:o|os|a|as)\b|\bmand(?:amos|aron|o)\b|\bsent\b|\bsends\b|\bvolumen\b|\bvolume\b/g, 'sent'],
];

/** Every match of the patterns, in the order of the text, each value once; and the text with them blanked. */
export function findAll<T>(text: string, patterns: [RegExp, T][]): { found: Found<T>[]; rest: string } {
  const found: Found<T>[] = [];
  let rest = text;
  for (const [re, value] of patterns) {
    re.lastIndex = 0;
    for (const m of [...rest.matchAll(re)]) {
      found.push({ value, at: m.index });
      rest = blank(rest, m.index, m.index + m[0].length);
    }
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<T>();
  return { found: found.filter((f) => (seen.has(f.value) ? false : (seen.add(f.value), true))), rest };
}

/** A channel a metric implies when none is named (only email has opens and bounces, only SMS cost…). */
export const METRIC_CHANNEL: Partial<Record<Metric, KpiChannel>> = {
  opened: 'email',
  openRate: 'email',
  bounced: 'email',
  bounceRate: 'email',
  unsubscribed: 'email',
  cost: 'sms',
  impressions: 'inapp',
  read: 'chat',
  readRate: 'chat',
};

/** Cue words of each intent (folded text, after the date phrases are blanked). */
export const CUES = {
  /** Things the platform has no data for: better to say so than to answer something else. */
  unsupported:
    /\bpais(?:es)?\b|\bcountr(?:y|ies)\b|\bciudad(?:es)?\b|\bcit(?:y|ies)\b|\bregion(?:es)?\b|\bedad(?:es)?\b|\bages?\b|\bgenero\b|\bgender\b|\bingresos\b|\brevenue\b|\bventas\b|\bsales\b|\bfacturacion\b|\bcompr(?:a|as|aron|o|ado|adores)\b|\bpurchas\w*|\bbought\b|\broi\b|\bpredic\w*|\bforecast\w*|\bpronostic\w*|\bprevision(?:es)?\b|\bproximo (?:mes|ano|trimestre|semana)\b|\bnext (?:month|year|quarter|week)\b|\bsegmentos?\b|\bsegments?\b|\bidiomas?\b|\blanguages?\b|\bnavegador(?:es)?\b|\bbrowsers?\b|\bsatisfaccion\b|\bcsat\b|\bnps\b|\bsentimiento\b|\bsentiment\b|\bclima\b|\bweather\b|\btiempo hace\b|\blluvia\b|\brain\b|\bchistes?\b|\bjokes?\b|\bpoema\b|\bpoem\b|\bcapital de\b|\bcapital of\b|\bmundial\b|\bworld cup\b|\bbitcoin\b|\bbolsa\b|\bstock price\b|\breceta\b|\brecipe\b|\btraduce\b|\btranslate\b|\bfactur\w*|\bfatur\w*|\bvend(?:imos|ieron|io|emos|eu|emos|eram)\b|\bvendas\b|\breceita\b|\bprevisao\b|\bpaises\b/,
  destructive:
    /\b(?:borra\w*|elimina\w*|suprime\w*|delete\w*|truncate|vacia (?:la|las|el|los)\b|desactiva\w*|disable\w*|shut ?down|apaga\w*|reinicia\w*|restart\w*)\b|\bdrop\s+(?:table|database|schema|the|all|todo|la|las)\b|\bupdate\s+(?:the|a|all|table|set)\b|\binsert\s+into\b|\balter\s+table\b|\bcambia (?:el|la|los|las|mi|su)\b|\bmodifica\w*|\bcrea(?:r)? (?:una|un) (?:tabla|usuario|campana)\b|\bcreate (?:a|an|the) (?:table|user|campaign)\b|^\s*(?:please\s+|por favor\s+)?(?:envia|enviame|envianos|manda|mandame|send|resend|reenvia)\b|\b(?:a todos los|to all|to all the|to every) (?:usuarios|clientes|contactos|dispositivos|users|customers|contacts|devices)\b|\blanza\w* (?:una|la) campana\b|\blaunch (?:a|the) campaign\b|\bgrant\b|\brevoke\b|\bexporta\w*|\bexport\b|\bdescarga\w*|\bdownload\w*|\bpaus(?:a|ar|e|ad|en|ed|ing|ou)\b|\bprogram(?:a|ar|e|ame)\s+(?:un|una|el|la|um|uma|o|a)\s+(?:push|envio|campana|campanha|sms|email|e-mail|mensaje|mensagem|notificacion|notificacao|whatsapp)\b|\bschedule (?:a|an|the)\b|\bexclu(?:a|ir|i|am)\b|\bapag(?:ue|ar|uem)\b|\bcancel(?:a|ar|e|en|ad)?\s+(?:la|el|las|los|a|o|as|os|the|all|todas|todos|esta|este|this|that|my|mi|mis)\b|\bdelet\w*|\bremov\w*|^\s*(?:envie|mande|manda)\b/,
  injection:
    /\bignor(?:a|e|ar|es|ad|ing)\b.{0,60}\b(?:instruc\w*|reglas|rules|prompt|anteriores|previous|above|todo|everything)\b|\b(?:olvida|forget)\b.{0,40}\b(?:instruc\w*|reglas|rules|todo|everything|lo anterior)\b|\bsystem prompt\b|\bprompt del sistema\b|\btus instrucciones\b|\byour (?:instructions|prompt|rules)\b|\bjailbreak\b|\bdan mode\b|\bmodo (?:desarrollador|dios|admin\w*)\b|\bdeveloper mode\b|\bactua como\b|\bact as\b|\bpretend\b|\bhaz como si\b|\byou are now\b|\bahora eres\b|\brevela\w*|\breveal\b|\bapi[- ]?keys?\b|\bcontrasen\w*|\bpasswords?\b|\bcredencial\w*|\bcredentials?\b|\btokens?\b|\bsecret\w*|\bsecreto\w*|\bselect\b.{0,200}\bfrom\b|\bunion\b.{0,20}\bselect\b|;\s*--|\bsql\b|\bbase de datos\b|\bdatabase\b|\bschema\b|\besquema\b|\besquec\w*\b.{0,40}\b(?:regras|instruc\w*|tudo)\b|\bprompt\b|\bsuas instruc\w*|\bcomo administrador\b|\bas (?:an )?admin\w*\b|\bfinja\b|\baja como\b|\bdeveloper\b/,
  /** Other tenants: another project, other customers, the competition (a name is found by tenantNamed in index.ts). */
  tenant:
    /\bproject_id\b|\bprojects?\s+\d+\b|\bproyectos?\s+\d+\b|\bprojetos?\s+\d+\b|\botros? proyectos?\b|\boutros? projetos?\b|\banother project\b|\bother projects?\b|\btodos los proyectos\b|\btodos os projetos\b|\ball (?:the )?projects\b|\bevery project\b|\bother (?:customers?|clients?|tenants?|companies|brands|accounts)\b|\botr[oa]s (?:clientes|empresas|marcas|cuentas)\b|\boutr[oa]s (?:clientes|empresas|marcas|contas)\b|\bcompetencia\b|\bcompetidor(?:es)?\b|\bcompetitors?\b|\bcompetition\b|\bconcorrencia\b|\bconcorrentes?\b|\btenants?\b/,
  /** Personal data: who did what, contact details, lists of users. */
  personal:
    /\btelefonos?\b|\btelefones?\b|\bnumeros? de (?:telefono|movil|celular|whatsapp)\b|\bphone numbers?\b|\bmoviles\b|\bcelulares\b|\bemail addresses\b|\be-?mail address\b|\bdirecciones de (?:correo|email|e-mail)\b|\benderecos de e-?mail\b|\b(?:e-?mails?|correos?) (?:de|dos|of) (?:los |the |os )?(?:usuarios|clientes|users|customers|contactos|contatos|suscriptores|que)\b|\blistas? (?:de|dos|of) (?:los |the |os )?(?:usuarios|clientes|users|customers|contactos|contatos|suscriptores|assinantes|destinatarios)\b|\blist (?:the )?(?:users|customers|recipients)\b|\bquien(?:es)? (?:abri\w*|hizo clic|hicieron clic|clic\w*|recibi\w*|ley\w*|se dio de baja|se dieron de baja)\b|\bwho (?:opened|clicked|received|read|unsubscribed)\b|\bquem (?:abriu|clicou|recebeu|leu)\b|\bnombres? (?:de|of) (?:los |the )?(?:usuarios|clientes|users|customers|contactos)\b|\bnomes (?:dos|das) (?:usuarios|clientes)\b|\bnames of (?:the )?(?:users|customers|contacts)\b|\bdame (?:sus |los )?nombres\b|\bdatos personales\b|\bdados pessoais\b|\bpersonal (?:data|information|details)\b|\bpii\b|\bdni\b|\bdirecciones? postal\w*|\buser ids?\b|\bids? de (?:usuario|cliente)s?\b|\bdevice tokens?\b|\bpush tokens?\b/,
  /** Why something changed ("¿por qué bajó el CTR?", "why did opens drop", "por que caiu"). */
  why: /\bpor ?que\b.{0,40}\b(?:baj\w*|sub\w*|cay\w*|cai\w*|empeor\w*|mejor(?:o|aron|ado)|piorou|melhorou|cambi\w*|mud\w*|descend\w*|aument\w*|disminu\w*|creci\w*|caiu|cairam|subiu|subiram)\b|\bwhy (?:did|do|does|is|are|has|have|was|were)\b.{0,60}\b(?:drop\w*|fall\w*|fell|decline\w*|decrease\w*|go(?:ne)? (?:down|up)|went (?:down|up)|rise\w*|rose|increase\w*|change\w*|grow\w*|grew|improve\w*|worse\w*)\b|\bwhat (?:drove|caused|explains)\b|\ba que se debe\b|\bexplica(?:me)? (?:el|la) (?:cambio|caida|bajada|subida)\b/,
  compare:
    /\bcompar\w*|\bvs\b|\bversus\b|\bfrente a(?:l)?\b|\bcontra\b|\brespecto a(?:l)?\b|\bcon respecto\b|\bcompared\b|\bagainst\b|\bin comparison\b|\brelative to\b/,
  series:
    /\bevolucion\w*|\bevoluciona\w*|\btendencias?\b|\btrends?\b|\btrending\b|\bover time\b|\bpor (?:dia|dias|semana|semanas|mes|meses)\b|\bdiari[oa]s?\b|\bsemanal(?:es|mente)?\b|\bmensual(?:es|mente)?\b|\bdaily\b|\bweekly\b|\bmonthly\b|\bby (?:day|week|month)\b|\bper (?:day|week|month)\b|\bdia a dia\b|\bday by day\b|\bsemana a semana\b|\bweek by week\b|\bmes a mes\b|\bmonth by month\b|\bseries?(?: temporal(?:es)?)?\b|\btime series\b|\bgrafic[oa]s?\b|\bcharts?\b|\bgraph\b|\bplot\b|\bhistoric[oa]\b|\ba lo largo del tiempo\b|\bcada (?:dia|semana|mes)\b|\beach (?:day|week|month)\b|\bevolved?\b|\bevolution\b|\bhas (?:changed|evolved)\b|\bque dia\b.{0,60}\b(?:mas|menos)\b|\bwhich day\b.{0,60}\b(?:most|least|more|fewer)\b|\bevolucao\b|\bmensal(?:mente)?\b|\bdiari[oa]s?\b/,
  week: /\bpor semanas?\b|\bsemanal(?:es|mente)?\b|\bweekly\b|\bby week\b|\bper week\b|\bcada semana\b|\beach week\b|\bsemana a semana\b|\bweek by week\b/,
  month: /\bpor mes(?:es)?\b|\bmensual(?:es|mente)?\b|\bmonthly\b|\bby month\b|\bper month\b|\bcada mes\b|\beach month\b|\bmes a mes\b|\bmonth by month\b|\bmensal(?:mente)?\b/,
  platform: /\bpor plataformas?\b|\bby platforms?\b|\bper platform\b|\bandroid (?:vs|y|and|frente a|contra) ios\b|\bios (?:vs|y|and|frente a|contra) android\b|\bpor sistema operativo\b|\bby (?:os|operating system)\b|\bdesglosad[oa] por plataforma\b|\bsplit by platform\b/,
  campaigns: /\bcampanas?\b|\bcampanhas?\b|\bcampaigns?\b/,
  campaignPlural: /\bcampanas\b|\bcampanhas\b|\bcampaigns\b/,
  campaignThis: /\besta campana\b|\bthis campaign\b|\bla campana\b|\bthe campaign\b|\besa campana\b|\bthat campaign\b/,
  rank: /\bmejor(?:es)?\b|\bpeor(?:es)?\b|\btop\b|\bbottom\b|\branking\b|\bbest\b|\bworst\b|\bhighest\b|\blowest\b|\bmas\b|\bmenos\b|\bmayor(?:es)?\b|\bmenor(?:es)?\b|\bmost\b|\bleast\b|\bfewest\b|\bganadoras?\b|\bdestacad[oa]s\b|\bordena\w*|\bsort(?:ed)?\b|\brank\w*|\bfunciona(?:ron)? mejor\b|\bperformed best\b|\bquien(?:es)?\b|\bwho\b|\bmelhor(?:es)?\b|\bpior(?:es)?\b|\bmais\b/,
  bottom: /\bpeor(?:es)?\b|\bbottom\b|\bworst\b|\blowest\b|\bmenos\b|\bmenor(?:es)?\b|\bleast\b|\bfewest\b|\bbajo rendimiento\b|\bunderperform\w*|\bmas lent[oa]s?\b|\bslowest\b|\bpior(?:es)?\b|\bmais lent\w*|\bmas tarda\w*|\btarda\w* mas\b|\bdemora\w* mais\b|\bmais demora\w*|\btakes? (?:the )?longest\b/,
  agents: /\bagentes?\b|\bagents?\b|\boperador(?:es|as)?\b|\boperators?\b|\basesor(?:es|as)?\b|\bequipo de (?:soporte|atencion)\b|\bsupport team\b|\bcontact cent(?:er|re)\b|\batencion al cliente\b|\bcustomer service\b|\batendentes?\b/,
  conversations: /\bconversacion(?:es)?\b|\bconversations?\b|\bchats\b|\btickets?\b|\bconversas\b/,
  responseTime:
    /\btiempos? (?:medios? |promedios? )?(?:de|hasta|para|en) (?:la )?(?:primera )?(?:respuesta|responder|asignar|asignacion|atencion|cierre|cerrar|resolucion|resolver)\b|\b(?:average |median )?(?:response|resolution|handling|first response|assignment|closing|close) times?\b|\btimes? to (?:assign|close|respond|first response|resolve)\b|\bcuanto tarda\w*|\bhow long\b|\btarda\w* en (?:responder|asignar|cerrar|atender)\b|\bmas rapid[oa]s?\b|\bfastest\b|\bquickest\b|\bmas lent[oa]s?\b|\bslowest\b|\bmais rapid[oa]s?\b|\btempos? (?:medios? )?de (?:resposta|atendimento|fechamento)\b|\bmas tarda\w*|\btarda\w* mas\b|\bmas rapid[oa]s? (?:respondiendo|en responder|contestando)\b/,
  closeTime: /\bcierre\b|\bcerrar\b|\bresolucion\b|\bresolver\b|\bclose\b|\bclosing\b|\bresolution\b|\bresolve\b|\bfech(?:ar|amento)\b/,
  closed: /\bcerr\w*|\bclosed\b|\bclose\b|\bresol\w*|\bresolved\b|\bsolved\b|\bfech(?:ou|aram|adas?|ados?|ar|amento)\b/,
  assigned: /\basignad\w*|\bassigned\b/,
  transfers: /\btransfer\w*/,
  fallback:
    /\bfallbacks?\b|\b(?:bot|chatbot|asistente virtual)\b.{0,40}\b(?:no (?:entiende|entendio|supo|sabe|responde)|falla\w*|fallos?|fails?|failed|doesn'?t understand|did not understand|couldn'?t answer)\b|\bno (?:entiende|entendio|supo) el (?:bot|chatbot)\b/,
  journeys: /\bjourneys?\b|\brecorridos?\b|\bcustomer journeys?\b|\bflujos? de (?:cliente|usuario)s?\b|\bviajes? del cliente\b|\bautomatizacion(?:es)?\b|\bembudos?\b|\bfunnels?\b|\bjornadas?\b/,
  journeyCount: /\bcuantos journeys\b|\bhow many journeys\b|\bcuantos recorridos\b/,
  campaignCount: /\bcuantas campanas\b|\bhow many campaigns\b|\bnumero de campanas\b|\bnumber of campaigns\b/,
  devices:
    /\bdispositivos?\b|\bdevices?\b|\bterminales\b|\binstalaciones\b|\binstalls?\b|\bdesinstalaciones\b|\buninstalls?\b|\bunregister\w*|\bdesregistrad\w*|\bdados de baja\b|\bsuscriptores push\b|\bpush subscribers\b/,
  sendTime:
    /\b(?:mejor(?:es)?|melhor(?:es)?|best|optim[ao]s?|optimal|ideal(?:es)?|buen[ao]s?|good)\s+(?:hora(?:s|rio|rios)?|momentos?|dias? y hora|dias?|times?|hours?|days?|moments?|slots?|franjas?)\b|\b(?:a que hora|que hora|en que horario|que dia|what time|which (?:hour|day|time)|when)\b.{0,40}\b(?:conviene|es mejor|deberiamos|debemos|should|best|better|ideal|optim\w*|recomiend\w*|recommend\w*)\b|\bwhen (?:to send|is it best)\b|\bcuando (?:conviene|deberiamos|debemos|enviar|mandar|es mejor)\b|\bheat ?map\b|\bmapa de calor\b|\bfranja horaria\b/,
  sendVerb: /\benvi(?:ar|o|os|amos)\b|\bmandar\b|\bsend(?:ing)?\b|\bpublicar\b|\blanzar\b|\bprogramar\b|\bschedule\b|\bnotificaci\w*|\bpush\b|\bheat ?map\b|\bmapa de calor\b/,
  mix: /\breparto\b|\bmix\b|\bdistribucion\b|\bdistribution\b|\bdesglose\b|\bbreakdown\b|\bshare\b|\bcuota\b|\bpeso de cada\b|\bproporcion\b|\bsplit\b|\bpor canal\b|\bby channel\b|\bper channel\b|\bentre canales\b|\bacross channels\b|\bque canal\b|\bwhich channel\b|\bcada canal\b|\beach channel\b|\bchannel mix\b|\bdistribuicao\b/,
  kpi: /\bcuant[oa]s?\b|\bhow (?:many|much)\b|\bkpis?\b|\bresumen\b|\bsummary\b|\brendimiento\b|\bperformance\b|\bmetricas\b|\bmetrics\b|\bcomo (?:va|van|fue|fueron|ha ido|han ido|estamos|vamos|funciono|funcionaron)\b|\bhow (?:is|are|was|were|did|does|do)\b|\bcual (?:fue|es|ha sido)\b|\bwhat (?:is|was|were|are)\b|\bwhats\b|\bdatos\b|\bfigures\b|\bnumbers\b|\bestadisticas\b|\bstats\b|\bstatistics\b|\bresultados\b|\bresults\b|\btotal(?:es)?\b|\bdame\b|\bmuestra(?:me)?\b|\bshow\b|\bgive me\b|\bensename\b|\bquiero ver\b|\bquant[oa]s?\b|\bqual\b|\bcomo (?:foi|foram|esta|estao|vai|vao)\b|\bmostre\b|\bdados\b|\bque tal\b/,
};
