/** Registers every language table up front (the npm entry; the CDN bundle loads them on demand). */
import { en } from './en.js';
import { registerTranslation } from './index.js';
import { ptBR } from './pt-BR.js';

registerTranslation('en', en);
registerTranslation('pt-BR', ptBR);
