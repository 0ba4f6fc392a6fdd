"""Reference geography: one row per 3-digit CEP block seen in the real Olist sample.

Derived once from the sample's geolocation file (points outside Brazil dropped): the block's state,
its most common city (plain spelling, and the accented spelling the sample also uses, if any), the
median latitude/longitude of its points and how many 5-digit prefixes of the block the sample uses
(a rough population weight). geography.py extends it to the blocks the sample does not show.
"""

from __future__ import annotations

BLOCKS_CSV = """\
block,state,city,accented,lat,lng,prefixes
010,SP,sao paulo,são paulo,-23.543,-46.635,3
011,SP,sao paulo,são paulo,-23.524,-46.651,2
012,SP,sao paulo,são paulo,-23.541,-46.654,15
013,SP,sao paulo,são paulo,-23.554,-46.652,6
014,SP,sao paulo,são paulo,-23.568,-46.66,7
015,SP,sao paulo,são paulo,-23.566,-46.63,12
020,SP,sao paulo,são paulo,-23.504,-46.614,9
021,SP,sao paulo,são paulo,-23.51,-46.579,5
022,SP,sao paulo,são paulo,-23.472,-46.584,12
023,SP,sao paulo,são paulo,-23.456,-46.604,5
024,SP,sao paulo,são paulo,-23.477,-46.637,8
025,SP,sao paulo,são paulo,-23.493,-46.671,5
026,SP,sao paulo,são paulo,-23.466,-46.651,5
027,SP,sao paulo,são paulo,-23.491,-46.686,3
028,SP,sao paulo,são paulo,-23.472,-46.695,10
029,SP,sao paulo,são paulo,-23.478,-46.712,7
030,SP,sao paulo,são paulo,-23.537,-46.595,9
031,SP,sao paulo,são paulo,-23.563,-46.584,13
032,SP,sao paulo,são paulo,-23.595,-46.552,12
033,SP,sao paulo,são paulo,-23.556,-46.57,8
034,SP,sao paulo,são paulo,-23.555,-46.532,10
035,SP,sao paulo,são paulo,-23.54,-46.503,15
036,SP,sao paulo,são paulo,-23.525,-46.533,9
037,SP,sao paulo,são paulo,-23.507,-46.529,8
038,SP,sao paulo,são paulo,-23.497,-46.485,10
039,SP,sao paulo,são paulo,-23.587,-46.5,6
040,SP,sao paulo,são paulo,-23.604,-46.648,12
041,SP,sao paulo,são paulo,-23.616,-46.627,17
042,SP,sao paulo,são paulo,-23.598,-46.614,5
043,SP,sao paulo,são paulo,-23.647,-46.652,13
044,SP,sao paulo,são paulo,-23.688,-46.645,12
045,SP,sao paulo,são paulo,-23.597,-46.682,7
046,SP,sao paulo,são paulo,-23.659,-46.682,12
047,SP,sao paulo,são paulo,-23.662,-46.703,16
048,SP,sao paulo,são paulo,-23.734,-46.692,14
049,SP,sao paulo,são paulo,-23.691,-46.759,3
050,SP,sao paulo,são paulo,-23.533,-46.691,9
051,SP,sao paulo,são paulo,-23.491,-46.735,7
052,SP,sao paulo,são paulo,-23.411,-46.745,4
053,SP,sao paulo,são paulo,-23.556,-46.743,10
054,SP,sao paulo,são paulo,-23.555,-46.696,12
055,SP,sao paulo,são paulo,-23.582,-46.739,11
056,SP,sao paulo,são paulo,-23.599,-46.725,4
057,SP,sao paulo,são paulo,-23.629,-46.748,8
058,SP,sao paulo,são paulo,-23.672,-46.776,8
060,SP,osasco,,-23.552,-46.78,5
061,SP,osasco,,-23.55,-46.805,8
062,SP,osasco,,-23.503,-46.787,4
063,SP,carapicuiba,carapicuíba,-23.543,-46.834,8
064,SP,barueri,,-23.512,-46.88,6
065,SP,santana de parnaiba,santana de parnaíba,-23.451,-46.893,3
066,SP,itapevi,,-23.548,-46.935,5
067,SP,cotia,,-23.611,-46.846,14
068,SP,embu das artes,,-23.651,-46.847,9
070,SP,guarulhos,,-23.472,-46.543,13
071,SP,guarulhos,,-23.435,-46.498,23
072,SP,guarulhos,,-23.452,-46.414,4
074,SP,aruja,arujá,-23.396,-46.32,4
075,SP,santa isabel,,-23.317,-46.228,1
076,SP,mairipora,,-23.316,-46.585,1
077,SP,cajamar,,-23.38,-46.828,7
078,SP,franco da rocha,,-23.318,-46.713,3
080,SP,sao paulo,são paulo,-23.509,-46.448,4
081,SP,sao paulo,são paulo,-23.509,-46.389,6
082,SP,sao paulo,são paulo,-23.549,-46.463,9
083,SP,sao paulo,são paulo,-23.606,-46.456,4
084,SP,sao paulo,são paulo,-23.554,-46.415,7
085,SP,itaquaquecetuba,,-23.481,-46.35,16
086,SP,suzano,,-23.543,-46.301,5
087,SP,mogi das cruzes,,-23.531,-46.196,10
088,SP,mogi das cruzes,,-23.502,-46.142,4
089,SP,salesopolis,salesópolis,-23.535,-45.851,1
090,SP,santo andre,santo andré,-23.657,-46.539,7
091,SP,santo andre,santo andré,-23.692,-46.501,9
092,SP,santo andre,santo andré,-23.629,-46.511,6
093,SP,maua,mauá,-23.658,-46.45,6
094,SP,ribeirao pires,ribeirão pires,-23.703,-46.392,5
095,SP,sao caetano do sul,são caetano do sul,-23.624,-46.567,7
096,SP,sao bernardo do campo,são bernardo do campo,-23.661,-46.574,8
097,SP,sao bernardo do campo,são bernardo do campo,-23.713,-46.55,7
098,SP,sao bernardo do campo,são bernardo do campo,-23.727,-46.572,7
099,SP,diadema,,-23.683,-46.621,7
110,SP,santos,,-23.957,-46.32,7
112,SP,bertioga,,-23.808,-46.061,1
113,SP,sao vicente,são vicente,-23.979,-46.433,2
114,SP,guaruja,guarujá,-23.974,-46.282,5
115,SP,cubatao,cubatão,-23.919,-46.439,2
116,SP,ilhabela,,-23.773,-45.368,3
117,SP,praia grande,,-24.023,-46.484,9
119,SP,iguape,,-24.709,-47.87,4
120,SP,taubate,taubaté,-23.025,-45.571,6
121,SP,tremembe,tremembé,-22.97,-45.541,1
122,SP,sao jose dos campos,são josé dos campos,-23.208,-45.896,17
123,SP,jacarei,jacareí,-23.297,-45.966,4
124,SP,pindamonhangaba,,-22.916,-45.428,3
125,SP,guaratingueta,guaratinguetá,-22.815,-45.19,5
126,SP,lorena,,-22.732,-45.12,5
127,SP,cruzeiro,,-22.573,-44.963,3
129,SP,atibaia,,-23.048,-46.542,15
130,SP,campinas,,-22.904,-47.078,26
131,SP,sumare,sumaré,-22.855,-47.189,15
132,SP,jundiai,jundiaí,-23.18,-46.885,22
133,SP,salto,,-23.182,-47.289,18
134,SP,piracicaba,,-22.726,-47.476,24
135,SP,sao carlos,são carlos,-22.03,-47.855,11
136,SP,leme,,-22.089,-47.416,4
137,SP,mococa,,-21.508,-46.965,4
138,SP,sao joao da boa vista,são joão da boa vista,-22.363,-46.927,14
139,SP,amparo,,-22.704,-46.782,8
140,SP,ribeirao preto,ribeirão preto,-21.18,-47.795,15
141,SP,cravinhos,,-21.256,-47.736,3
142,SP,santa rosa de viterbo,,-21.484,-47.371,1
143,SP,santo antonio da alegria,,-21.004,-47.365,2
144,SP,franca,,-20.529,-47.405,9
145,SP,ituverava,,-20.383,-47.815,2
146,SP,morro agudo,,-20.716,-47.878,3
147,SP,bebedouro,,-20.854,-48.49,6
148,SP,araraquara,,-21.745,-48.172,12
149,SP,novo horizonte,,-21.611,-49.025,2
150,SP,sao jose do rio preto,são josé do rio preto,-20.816,-49.366,14
151,SP,potirendaba,,-20.921,-49.452,3
153,SP,pereira barreto,,-20.639,-51.11,1
154,SP,olimpia,,-20.736,-48.91,1
155,SP,votuporanga,,-20.421,-49.979,2
156,SP,fernandopolis,fernandópolis,-20.204,-50.254,4
157,SP,santa fe do sul,santa fé do sul,-20.252,-50.761,3
158,SP,catanduva,,-21.119,-48.974,5
159,SP,monte alto,,-21.434,-48.424,2
160,SP,aracatuba,,-21.208,-50.406,1
162,SP,bilac,,-21.347,-50.413,2
163,SP,penapolis,penápolis,-21.43,-50.068,2
166,SP,pirajui,pirajuí,-21.998,-49.458,1
167,SP,guararapes,,-21.246,-50.646,1
168,SP,mirandopolis,mirandópolis,-21.129,-51.103,1
169,SP,andradina,,-20.895,-51.367,1
170,SP,bauru,,-22.327,-49.057,8
171,SP,arealva,,-22.027,-48.987,3
172,SP,jau,jaú,-22.29,-48.551,4
173,SP,mineiros do tiete,mineiros do tietê,-22.393,-48.422,2
174,SP,garca,,-22.211,-49.651,1
175,SP,marilia,marília,-22.214,-49.95,7
176,SP,tupa,tupã,-21.932,-50.496,1
178,SP,pacaembu,,-21.62,-51.173,2
179,SP,dracena,,-21.488,-51.534,1
180,SP,sorocaba,,-23.504,-47.469,12
181,SP,sao roque,são roque,-23.533,-47.198,8
182,SP,tatui,,-23.352,-47.847,1
183,SP,apiai,,-24.511,-48.844,1
184,SP,itapeva,,-23.989,-48.891,3
185,SP,conchas,,-23.141,-47.728,6
186,SP,botucatu,,-22.878,-48.459,5
187,SP,avare,avaré,-23.088,-48.93,3
189,SP,ipaussu,,-22.981,-49.626,2
190,SP,presidente prudente,,-22.122,-51.395,9
193,SP,presidente bernardes,,-22.003,-51.557,1
194,SP,presidente venceslau,,-21.882,-51.842,1
196,SP,rancharia,,-22.234,-50.898,1
198,SP,assis,,-22.66,-50.41,6
199,SP,ourinhos,,-22.981,-49.878,2
200,RJ,rio de janeiro,,-22.904,-43.178,7
202,RJ,rio de janeiro,,-22.915,-43.196,8
205,RJ,rio de janeiro,,-22.927,-43.243,7
207,RJ,rio de janeiro,,-22.894,-43.293,10
209,RJ,rio de janeiro,,-22.901,-43.245,3
210,RJ,rio de janeiro,,-22.865,-43.261,6
212,RJ,rio de janeiro,,-22.838,-43.314,7
213,RJ,rio de janeiro,,-22.883,-43.346,7
215,RJ,rio de janeiro,,-22.845,-43.347,2
216,RJ,rio de janeiro,,-22.84,-43.411,2
217,RJ,rio de janeiro,,-22.88,-43.417,1
218,RJ,rio de janeiro,,-22.869,-43.47,4
219,RJ,rio de janeiro,,-22.812,-43.2,4
220,RJ,rio de janeiro,,-22.973,-43.19,5
222,RJ,rio de janeiro,,-22.94,-43.183,6
224,RJ,rio de janeiro,,-22.981,-43.217,7
226,RJ,rio de janeiro,,-23.007,-43.343,2
227,RJ,rio de janeiro,,-22.945,-43.384,18
230,RJ,rio de janeiro,,-22.904,-43.582,11
235,RJ,rio de janeiro,,-22.939,-43.682,2
238,RJ,mangaratiba,,-22.899,-43.843,2
239,RJ,angra dos reis,,-23.006,-44.529,2
240,RJ,niteroi,niterói,-22.888,-43.121,3
241,RJ,niteroi,niterói,-22.881,-43.1,2
242,RJ,niteroi,niterói,-22.901,-43.105,4
243,RJ,niteroi,niterói,-22.94,-43.059,5
244,RJ,sao goncalo,são gonçalo,-22.811,-43.021,4
247,RJ,sao goncalo,são gonçalo,-22.824,-42.988,3
248,RJ,itaborai,,-22.753,-42.874,1
249,RJ,marica,maricá,-22.944,-42.962,3
250,RJ,duque de caxias,,-22.781,-43.308,2
252,RJ,duque de caxias,,-22.648,-43.259,5
255,RJ,sao joao de meriti,são joão de meriti,-22.783,-43.362,5
256,RJ,petropolis,petrópolis,-22.51,-43.188,4
257,RJ,petropolis,petrópolis,-22.276,-43.02,2
258,RJ,tres rios,,-22.116,-43.209,1
259,RJ,mage,magé,-22.623,-43.04,4
260,RJ,nova iguacu,nova iguaçu,-22.716,-43.453,6
261,RJ,belford roxo,,-22.723,-43.378,2
262,RJ,nova iguacu,nova iguaçu,-22.756,-43.46,4
265,RJ,nilopolis,nilópolis,-22.804,-43.421,7
269,RJ,miguel pereira,,-22.454,-43.473,1
271,RJ,barra do pirai,barra do piraí,-22.488,-43.833,5
272,RJ,volta redonda,,-22.5,-44.112,6
273,RJ,barra mansa,,-22.538,-44.169,4
275,RJ,resende,,-22.464,-44.446,4
276,RJ,valenca,valença,-22.246,-43.708,1
277,RJ,vassouras,,-22.412,-43.668,1
279,RJ,macae,macaé,-22.388,-41.78,5
280,RJ,campos dos goytacazes,,-21.766,-41.323,4
284,RJ,aperibe,,-21.593,-42.108,2
285,RJ,santa rita da floresta,,-21.879,-42.456,1
286,RJ,nova friburgo,,-22.305,-42.535,8
287,RJ,quissama,,-22.108,-41.47,1
288,RJ,rio das ostras,,-22.535,-41.97,3
289,RJ,cabo frio,,-22.883,-42.035,10
290,ES,vitoria,vitória,-20.294,-40.296,7
291,ES,serra,,-20.27,-40.282,13
293,ES,cachoeiro de itapemirim,,-20.845,-41.11,3
297,ES,colatina,,-19.519,-40.626,3
299,ES,sao mateus,são mateus,-18.727,-39.899,4
301,MG,belo horizonte,,-19.925,-43.939,5
302,MG,belo horizonte,,-19.92,-43.906,7
303,MG,belo horizonte,,-19.953,-43.94,4
304,MG,belo horizonte,,-19.938,-43.964,4
305,MG,belo horizonte,,-19.967,-43.973,2
306,MG,belo horizonte,,-19.985,-44.019,3
308,MG,belo horizonte,,-19.89,-44.006,3
310,MG,belo horizonte,,-19.899,-43.913,2
311,MG,belo horizonte,,-19.889,-43.929,4
312,MG,belo horizonte,,-19.9,-43.951,3
313,MG,belo horizonte,,-19.873,-43.997,4
315,MG,belo horizonte,,-19.824,-43.98,8
316,MG,belo horizonte,,-19.801,-43.996,1
317,MG,belo horizonte,,-19.832,-43.943,4
318,MG,belo horizonte,,-19.838,-43.917,2
319,MG,belo horizonte,,-19.862,-43.919,2
320,MG,contagem,,-19.92,-44.087,4
321,MG,contagem,,-19.854,-44.021,4
322,MG,contagem,,-19.974,-44.042,1
323,MG,contagem,,-19.939,-44.033,3
324,MG,ibirite,ibirité,-20.001,-44.063,1
326,MG,betim,,-19.961,-44.185,3
329,MG,igarape,,-20.073,-44.307,1
330,MG,santa luzia,,-19.779,-43.87,1
331,MG,santa luzia,,-19.781,-43.922,1
332,MG,vespasiano,,-19.757,-43.951,1
334,MG,lagoa santa,,-19.64,-43.902,1
338,MG,ribeirao das neves,ribeirão das neves,-19.758,-44.148,1
339,MG,ribeirao das neves,,-19.821,-44.008,1
340,MG,nova lima,,-19.991,-43.874,1
348,MG,caete,,-19.897,-43.671,1
350,MG,governador valadares,,-18.872,-41.958,2
351,MG,coronel fabriciano,,-19.5,-42.63,5
352,MG,conselheiro pena,,-19.175,-41.472,1
353,MG,caratinga,,-19.769,-42.135,3
354,MG,barra longa,,-20.383,-43.513,5
355,MG,divinopolis,divinópolis,-20.154,-45.148,8
356,MG,itauna,itaúna,-19.987,-44.586,5
357,MG,sete lagoas,,-19.111,-44.34,2
359,MG,itabira,,-19.797,-43.318,2
360,MG,juiz de fora,,-21.76,-43.35,5
362,MG,barbacena,,-21.227,-43.762,4
363,MG,tiradentes,,-21.072,-44.214,4
364,MG,conselheiro lafaiete,,-20.614,-43.784,4
365,MG,uba,,-21.067,-42.887,4
366,MG,alem paraiba,além paraíba,-21.878,-42.698,1
368,MG,carangola,,-20.737,-42.038,4
369,MG,simonesia,simonésia,-20.181,-42.016,2
370,MG,varginha,,-21.555,-45.439,1
371,MG,alfenas,,-21.404,-45.961,6
372,MG,bom sucesso,,-21.037,-44.757,1
374,MG,baependi,,-21.964,-44.991,4
375,MG,itajuba,itajubá,-22.284,-45.935,8
376,MG,munhoz,,-22.614,-46.319,3
377,MG,pocos de caldas,poços de caldas,-21.809,-46.553,6
379,MG,sao tomas de aquino,,-20.625,-47.046,4
380,MG,uberaba,,-19.76,-47.915,3
383,MG,ituiutaba,,-18.984,-49.458,2
384,MG,uberlandia,uberlândia,-18.902,-48.268,12
386,MG,paracatu,,-17.225,-46.876,1
387,MG,patos de minas,,-18.586,-46.515,4
389,MG,ibia,ibiá,-19.485,-46.545,1
391,MG,santo antonio do itambe,santo antônio do itambé,-18.465,-43.306,1
394,MG,montes claros,,-16.721,-43.844,6
395,MG,padre carvalho,,-16.365,-42.516,1
396,MG,ponto dos volantes,,-16.753,-41.503,1
397,MG,sao joao evangelista,são joão evangelista,-18.544,-42.765,1
398,MG,serra dos aimores,serra dos aimorés,-17.784,-40.246,1
399,MG,cachoeira de pajeu,cachoeira de pajeú,-15.966,-41.497,1
400,BA,salvador,,-12.971,-38.512,1
401,BA,salvador,,-13.006,-38.517,2
402,BA,salvador,,-12.988,-38.496,2
403,BA,salvador,,-12.945,-38.482,2
404,BA,salvador,,-12.926,-38.497,2
408,BA,salvador,,-12.841,-38.468,1
411,BA,salvador,,-12.958,-38.456,3
412,BA,salvador,,-12.932,-38.432,2
413,BA,salvador,,-12.902,-38.419,4
415,BA,salvador,,-12.922,-38.419,1
416,BA,salvador,,-12.929,-38.34,2
418,BA,salvador,,-12.994,-38.46,2
427,BA,lauro de freitas,,-12.892,-38.327,2
428,BA,camacari,camaçari,-12.709,-38.319,4
438,BA,candeias,,-12.672,-38.538,1
440,BA,feira de santana,,-12.275,-38.951,5
443,BA,cabaceiras do paraguacu,,-12.582,-39.194,1
447,BA,serrolandia,serrolândia,-11.416,-40.299,1
448,BA,piritiba,,-11.73,-40.555,1
449,BA,america dourada,,-11.454,-41.437,1
450,BA,vitoria da conquista,vitória da conquista,-14.859,-40.836,2
452,BA,jequie,jequié,-13.859,-40.083,1
455,BA,ipiau,ipiaú,-14.133,-39.734,1
456,BA,itabuna,,-14.794,-39.273,3
458,BA,eunapolis,,-16.433,-39.331,2
464,BA,guanambi,,-14.221,-42.782,1
465,BA,macaubas,macaúbas,-13.018,-42.694,1
467,BA,mucuge,,-13.005,-41.371,1
476,BA,santa maria da vitoria,,-13.387,-44.2,1
478,BA,luis eduardo magalhaes,,-12.114,-45.387,2
484,BA,itapicuru,,-11.549,-38.287,2
485,BA,euclides da cunha,,-10.508,-39.014,1
487,BA,serrinha,,-11.664,-39.006,1
489,BA,juazeiro,,-9.432,-40.506,1
490,SE,aracaju,,-10.971,-37.071,4
492,SE,tomar do geru,,-11.374,-37.84,1
493,SE,boquim,,-11.149,-37.619,1
499,SE,propria,propriá,-10.404,-36.89,2
507,PE,recife,,-8.046,-34.933,2
512,PE,recife,,-8.129,-34.941,2
520,PE,recife,,-8.047,-34.899,2
522,PE,recife,,-8.015,-34.905,1
531,PE,olinda,,-7.972,-34.84,2
532,PE,olinda,,-7.997,-34.889,1
533,PE,olinda,,-7.994,-34.86,1
541,PE,jaboatao dos guararapes,jaboatão dos guararapes,-8.116,-35.017,2
544,PE,jaboatao dos guararapes,jaboatão dos guararapes,-8.164,-34.918,2
545,PE,cabo de santo agostinho,,-8.236,-34.982,1
547,PE,camaragibe,,-8.025,-34.982,1
551,PE,santa cruz do capibaribe,,-7.952,-36.206,2
553,PE,bom conselho,,-9.17,-36.684,1
554,PE,altinho,,-8.489,-36.061,1
555,PE,palmares,,-8.682,-35.589,1
556,PE,bezerros,,-8.236,-35.754,1
557,PE,taquaritinga do norte,,-7.903,-36.088,1
558,PE,timbauba,,-7.514,-35.317,1
563,PE,petrolina,,-9.382,-40.498,3
567,PE,tabira,,-7.588,-37.54,1
570,AL,maceio,maceió,-9.629,-35.73,9
572,AL,junqueiro,,-9.889,-36.468,1
580,PB,joao pessoa,joão pessoa,-7.125,-34.857,7
581,PB,barra de santa rosa,,-6.606,-36.105,2
582,PB,mamanguape,,-6.836,-35.122,1
583,PB,mari,,-7.059,-35.317,1
584,PB,campina grande,,-7.221,-35.902,3
585,PB,serra branca,,-7.484,-36.663,1
588,PB,sousa,,-6.755,-38.226,1
590,RN,natal,,-5.842,-35.193,2
591,RN,parnamirim,,-5.882,-35.211,3
600,CE,fortaleza,,-3.724,-38.509,1
601,CE,fortaleza,,-3.743,-38.489,2
603,CE,fortaleza,,-3.716,-38.576,4
604,CE,fortaleza,,-3.737,-38.555,1
605,CE,fortaleza,,-3.779,-38.597,3
607,CE,fortaleza,,-3.806,-38.585,1
608,CE,fortaleza,,-3.819,-38.487,3
616,CE,caucaia,,-3.766,-38.649,1
617,CE,eusebio,,-3.886,-38.463,1
618,CE,itaitinga,,-3.971,-38.526,1
619,CE,maracanau,maracanaú,-3.876,-38.62,2
620,CE,sobral,,-3.688,-40.361,1
621,CE,mucambo,,-3.906,-40.745,1
625,CE,morrinhos,,-3.229,-40.122,1
627,CE,redencao,,-4.322,-38.888,2
628,CE,aracati,,-4.568,-37.772,1
629,CE,morada nova,,-5.123,-38.253,2
630,CE,juazeiro do norte,,-7.207,-39.32,3
631,CE,araripe,,-7.212,-40.136,1
632,CE,brejo santo,,-7.492,-38.983,1
635,CE,iguatu,,-6.222,-39.314,2
636,CE,senador pompeu,,-5.661,-39.259,2
640,PI,teresina,,-5.073,-42.795,5
642,PI,parnaiba,,-2.919,-41.747,1
643,PI,valenca do piaui,valença do piauí,-5.957,-41.53,2
646,PI,picos,,-7.08,-41.472,2
647,PI,campo alegre do fidalgo,,-8.379,-41.834,1
648,PI,eliseu martins,,-8.098,-43.66,1
649,PI,bom jesus,,-9.736,-44.845,2
650,MA,sao luis,são luís,-2.536,-44.246,8
654,MA,codo,codó,-3.728,-44.228,3
656,MA,timon,,-5.102,-43.015,4
658,MA,alto parnaiba,alto parnaíba,-9.112,-45.933,1
660,PA,belem,belém,-1.442,-48.46,4
666,PA,belem,belém,-1.416,-48.449,3
668,PA,belem,belém,-1.41,-48.475,2
669,PA,belem,belém,-1.153,-48.467,1
670,PA,ananindeua,,-1.38,-48.375,1
671,PA,ananindeua,,-1.354,-48.397,1
680,PA,santarem,santarém,-2.452,-54.7,1
681,PA,novo progresso,,-7.04,-55.419,1
684,PA,breu branco,,-3.775,-49.566,1
685,PA,parauapebas,,-7.707,-50.116,2
687,PA,castanhal,,-1.248,-47.544,2
689,AP,macapa,,-0.012,-51.132,2
690,AM,manaus,,-3.096,-60.013,1
693,RR,boa vista,,2.825,-60.678,3
699,AC,rio branco,,-9.973,-67.801,3
702,DF,brasilia,brasília,-15.818,-47.899,1
703,DF,brasilia,brasília,-15.816,-47.909,4
706,DF,brasilia,brasília,-15.795,-47.936,1
707,DF,brasilia,brasília,-15.743,-47.897,2
708,DF,brasilia,brasília,-15.756,-47.884,1
710,DF,brasilia,brasília,-15.822,-47.982,5
712,DF,brasilia,,-15.801,-47.968,1
716,DF,brasilia,brasília,-15.841,-47.831,3
717,DF,brasilia,,-15.85,-47.952,1
718,DF,brasilia,brasília,-15.881,-48.019,1
719,DF,brasilia,brasília,-15.84,-48.026,3
720,DF,brasilia,brasília,-15.841,-48.051,1
721,DF,brasilia,brasília,-15.82,-48.078,2
722,DF,brasilia,brasília,-15.813,-48.132,1
723,DF,brasilia,brasília,-15.866,-48.072,2
724,DF,brasilia,,-16.009,-48.05,1
726,DF,brasilia,brasília,-15.916,-48.056,1
727,DF,brasilia,,-15.664,-48.198,2
728,GO,novo gama,,-16.056,-48.035,2
729,GO,aguas lindas de goias,águas lindas de goiás,-15.715,-48.265,2
730,DF,brasilia,brasília,-15.654,-47.8,2
737,GO,planaltina,,-15.461,-47.622,1
739,GO,iaciara,,-14.086,-46.495,2
742,GO,goiania,goiânia,-16.713,-49.273,2
743,GO,goiania,goiânia,-16.735,-49.316,4
744,GO,goiania,,-16.681,-49.315,1
745,GO,goiania,goiânia,-16.67,-49.275,2
746,GO,goiania,goiânia,-16.656,-49.24,1
747,GO,goiania,goiânia,-16.677,-49.218,1
748,GO,goiania,goiânia,-16.715,-49.259,2
749,GO,aparecida de goiania,aparecida de goiânia,-16.771,-49.299,4
753,GO,trindade,,-16.65,-49.496,1
754,GO,inhumas,,-16.375,-49.489,1
756,GO,corumbaiba,corumbaíba,-17.741,-48.611,3
757,GO,catalao,catalão,-18.163,-47.941,1
758,GO,caiaponia,,-18.396,-51.818,3
759,GO,rio verde,,-17.79,-50.922,4
761,GO,anicuns,,-16.52,-50.13,2
763,GO,goianesia,goianésia,-15.318,-49.306,4
764,GO,uruacu,uruaçu,-14.514,-49.144,1
765,GO,porangatu,,-13.448,-49.146,1
766,GO,itapuranga,,-15.565,-49.954,1
768,RO,porto velho,,-8.771,-63.87,2
769,RO,vilhena,,-11.722,-61.468,3
770,TO,palmas,,-10.188,-48.344,2
776,TO,paraiso do tocantins,,-10.177,-48.893,1
780,MT,cuiaba,cuiabá,-15.6,-56.093,5
781,MT,santo antonio do leverger,,-15.76,-56.101,2
782,MT,caceres,,-16.08,-57.682,1
783,MT,campo novo do parecis,,-13.656,-57.89,1
785,MT,sinop,,-11.07,-55.217,4
786,MT,agua boa,água boa,-14.053,-52.161,1
788,MT,sorriso,,-12.548,-55.727,1
790,MS,campo grande,,-20.498,-54.602,6
791,MS,campo grande,,-20.453,-54.638,1
794,MS,coxim,,-18.51,-54.753,1
796,MS,tres lagoas,três lagoas,-20.798,-51.725,1
797,MS,bataypora,batayporã,-22.297,-53.269,1
798,MS,dourados,,-22.231,-54.789,2
800,PR,curitiba,,-25.418,-49.254,4
802,PR,curitiba,,-25.453,-49.267,3
803,PR,curitiba,,-25.466,-49.305,2
804,PR,curitiba,,-25.436,-49.285,2
805,PR,curitiba,,-25.422,-49.277,1
806,PR,curitiba,,-25.468,-49.287,3
810,PR,curitiba,,-25.486,-49.292,2
811,PR,curitiba,,-25.505,-49.296,2
813,PR,curitiba,,-25.494,-49.322,3
814,PR,curitiba,,-25.542,-49.337,1
815,PR,curitiba,,-25.483,-49.22,3
816,PR,curitiba,,-25.49,-49.234,1
817,PR,curitiba,,-25.509,-49.224,1
818,PR,curitiba,,-25.517,-49.273,3
820,PR,curitiba,,-25.424,-49.325,1
821,PR,curitiba,,-25.395,-49.295,1
823,PR,curitiba,,-25.416,-49.356,2
824,PR,curitiba,,-25.394,-49.35,1
825,PR,curitiba,,-25.396,-49.239,1
826,PR,curitiba,,-25.382,-49.23,2
829,PR,curitiba,,-25.461,-49.217,1
830,PR,sao jose dos pinhais,são josé dos pinhais,-25.519,-49.181,3
832,PR,matinhos,,-25.665,-48.519,3
833,PR,pinhais,,-25.436,-49.183,4
834,PR,colombo,,-25.368,-49.138,2
835,PR,almirante tamandare,,-25.349,-49.3,1
836,PR,campo largo,,-25.466,-49.528,2
837,PR,lapa,,-25.675,-49.511,2
838,PR,fazenda rio grande,,-25.671,-49.328,1
840,PR,ponta grossa,,-25.086,-50.163,2
841,PR,palmeira,,-25.425,-49.998,3
842,PR,jaguariaiva,jaguariaíva,-24.254,-49.712,1
845,PR,teixeira soares,,-25.37,-50.461,1
849,PR,ibaiti,,-23.835,-50.196,1
850,PR,guarapuava,,-25.4,-51.468,2
851,PR,pinhao,pinhão,-25.37,-51.595,2
852,PR,altamira do parana,altamira do paraná,-24.799,-52.715,1
854,PR,guaraniacu,guaraniaçu,-24.864,-53.093,2
855,PR,mangueirinha,,-25.942,-52.728,3
856,PR,francisco beltrao,,-25.947,-53.201,5
858,PR,cascavel,,-25.277,-54.093,11
859,PR,toledo,,-24.712,-53.749,3
860,PR,londrina,,-23.31,-51.167,10
863,PR,barra do jacare,barra do jacaré,-23.178,-50.551,3
864,PR,ribeirao do pinhal,ribeirão do pinhal,-23.402,-50.357,1
866,PR,colorado,,-23.074,-51.669,2
867,PR,arapongas,,-23.397,-51.442,3
868,PR,apucarana,,-23.559,-51.479,4
869,PR,marialva,,-23.489,-51.799,1
870,PR,maringa,maringá,-23.416,-51.93,10
871,PR,mandaguacu,mandaguaçu,-23.387,-51.984,2
872,PR,jussara,,-23.622,-52.472,1
873,PR,campo mourao,campo mourão,-24.048,-52.382,1
875,PR,umuarama,,-23.756,-53.292,2
877,PR,paranavai,paranavaí,-23.069,-52.418,1
879,PR,loanda,,-22.931,-53.136,1
880,SC,florianopolis,florianópolis,-27.595,-48.532,13
881,SC,palhoca,palhoça,-27.638,-48.662,7
882,SC,bombinhas,,-27.153,-48.503,1
883,SC,itajai,itajaí,-26.903,-48.656,8
884,SC,garopaba,,-28.028,-48.62,1
887,SC,imbituba,,-28.487,-49.007,3
888,SC,criciuma,criciúma,-28.682,-49.377,2
889,SC,ararangua,araranguá,-28.942,-49.489,2
890,SC,blumenau,,-26.887,-49.085,3
891,SC,rio do sul,,-27.202,-49.64,7
892,SC,joinville,,-26.3,-48.853,19
893,SC,mafra,,-26.139,-49.827,1
894,SC,canoinhas,,-26.173,-50.401,1
895,SC,lebon regis,lebon régis,-26.934,-51.007,5
896,SC,treze tilias,treze tílias,-26.999,-51.413,1
897,SC,concordia,concórdia,-27.221,-52.023,1
898,SC,maravilha,,-26.986,-52.889,4
899,SC,campo ere,campo erê,-26.394,-53.079,1
900,RS,porto alegre,,-30.037,-51.222,5
902,RS,porto alegre,,-29.998,-51.194,3
904,RS,porto alegre,,-30.027,-51.196,3
905,RS,porto alegre,,-30.012,-51.191,1
906,RS,porto alegre,,-30.052,-51.199,4
908,RS,porto alegre,,-30.076,-51.223,2
911,RS,porto alegre,,-29.998,-51.13,3
913,RS,porto alegre,,-30.016,-51.164,1
914,RS,porto alegre,,-30.051,-51.152,2
915,RS,porto alegre,,-30.071,-51.179,1
917,RS,porto alegre,,-30.114,-51.176,3
919,RS,porto alegre,,-30.109,-51.249,2
920,RS,canoas,,-29.915,-51.142,3
923,RS,canoas,,-29.918,-51.192,2
924,RS,canoas,,-29.895,-51.167,1
930,RS,sao leopoldo,são leopoldo,-29.77,-51.14,4
931,RS,portao,,-29.695,-51.238,1
932,RS,esteio,,-29.842,-51.153,2
933,RS,novo hamburgo,,-29.69,-51.145,2
934,RS,novo hamburgo,,-29.694,-51.127,1
935,RS,novo hamburgo,,-29.685,-51.09,1
936,RS,estancia velha,,-29.661,-51.168,1
937,RS,campo bom,,-29.673,-51.067,1
938,RS,sapiranga,,-29.64,-51.003,2
939,RS,dois irmaos,dois irmãos,-29.589,-51.087,1
940,RS,gravatai,gravataí,-29.934,-51.045,2
941,RS,gravatai,,-29.943,-50.998,2
944,RS,viamao,viamão,-30.081,-51.069,2
949,RS,cachoeirinha,,-29.904,-51.088,3
950,RS,caxias do sul,,-29.165,-51.189,7
951,RS,farroupilha,,-29.228,-51.353,3
952,RS,flores da cunha,,-29.031,-51.183,1
953,RS,esmeralda,,-28.057,-51.189,1
955,RS,capao da canoa,capão da canoa,-29.762,-50.021,3
956,RS,taquara,,-29.634,-50.802,4
957,RS,bento goncalves,bento gonçalves,-29.171,-51.508,3
958,RS,venancio aires,,-29.792,-51.946,2
959,RS,arroio do meio,,-29.465,-51.965,3
960,RS,pelotas,,-31.757,-52.339,3
962,RS,rio grande,,-32.078,-52.155,5
963,RS,jaguarao,jaguarão,-32.561,-53.381,1
964,RS,bage,bagé,-31.337,-54.089,3
966,RS,cangucu,canguçu,-30.687,-52.513,2
970,RS,santa maria,,-29.694,-53.814,4
975,RS,rosario do sul,rosário do sul,-29.799,-55.797,3
976,RS,sao francisco de assis,são francisco de assis,-29.55,-55.127,1
980,RS,cruz alta,,-28.637,-53.606,3
982,RS,condor,,-28.418,-53.29,2
983,RS,palmeira das missoes,,-27.902,-53.313,1
987,RS,ijui,ijuí,-28.311,-53.841,2
988,RS,santo angelo,santo ângelo,-28.295,-54.266,3
989,RS,doutor mauricio cardoso,doutor maurício cardoso,-27.636,-54.301,2
993,RS,barros cassal,,-29.091,-52.585,1
995,RS,carazinho,,-28.294,-52.795,1
996,RS,gramado dos loureiros,,-27.444,-52.918,1
"""
