/** The entry of embed.html. */
import { mountEmbed } from './embed';

mountEmbed(document.getElementById('root')!);
