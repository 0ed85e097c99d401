//! General bilingual synonyms of the incident domain: words residents and
//! officials use for the same thing, in French and English, grouped into
//! concepts. A message that says "bouteilles d'eau" reaches an entry written
//! as "eau potable"; "shelter" reaches "centre d'hébergement".
//!
//! The groups are about incidents in general (floods, fires, storms, spills,
//! outages, heat, cold), never about one directive file. Each word is listed
//! folded (no accents); it is matched by its Snowball stem in its language,
//! or, written `=word`, as that word alone: its stem is another common
//! word's ("=biens" stems to "bien", "=partir" to "part", "=cour" to
//! "courant"'s "cour").

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use super::directives::Lang;
use super::normalize::{Normalized, Token, stem};

/// `concept: french words | english words`
const GROUPS: &str = "
evacuate: evacuer evacuation evacue evacuee evacues quitter =partir =part =pars =partis =parti =partez =partons sortir fuir =parte =partent | evacuate evacuation evacuated evacuating evacuee leave leaving flee
shelter: hebergement heberger herbergement refuge abri hotel motel dormir =dort =dors =dorment coucher | shelter shelters lodging =housing accommodation sleep slept hotel motel
drink: potable boire reboire bouteille bouteilles buvable robinet aqueduc boisson boissons | drink drinking bottled bottle potable tap drinkable beverage beverages
boil: bouillir ebullition bouilli | boil boiled boiling
sandbag: sable sablage | sandbag sandbags sand
road: route routes chemin autoroute circulation viaduc traverse conduire | road roads highway traffic commute drive driving
bridge: pont ponts passerelle passerelles | bridge bridges footbridge
closed: ferme fermee fermees fermes fermeture bloque bloquee barre barree =coupee =coupees =coupe =coupes inaccessible impraticable | closed closure closures blocked shut impassable
open: ouvert ouverte ouverts ouvertes ouverture rouvrir rouvert reouverture | open opened reopen reopened reopening
power: electricite =courant =courants panne pannes hydro delestage jus | power electricity outage outages blackout hydro
electrical: electrique electriques =fil =fils =prise =prises panneau disjoncteur disjoncteurs filage electrocution | wire wires wiring outlet outlets breaker breakers panel electrocution
insurance: assurance assurances assureur assureurs | insurance insurer insured claim claims adjuster
money: =piasse =piasses =piastre =piastres financiere financier indemnisation indemnite compensation compenser rembourser remboursement remboursement argent programme allocation =rabais ristourne dedommager dedommagement dedommage dedommagee | financial compensation compensate reimbursement reimburse refund refunds rebate rebates money =dollars =bucks funds funding =allowance grant gofundme fundraiser fundraisers fundraising
pet: animal animaux chien chiens chat chats chaton chiot lapin oiseau compagnie husky labrador caniche chihuahua beagle | pet pets dog dogs cat cats puppy kitten animal animals husky huskies labrador poodle chihuahua beagle
cull: euthanasier euthanasie euthanasies euthanasiee euthanasiees | cull culled culling euthanize euthanized euthanise euthanised euthanasia
livestock: betail vache vaches cheval chevaux poules =fermeagricole =fermesagricoles jument juments poulain poulains poney poneys chevre chevres mouton moutons brebis cochon cochons | livestock cattle cow cows horse horses farm chickens mare mares foal foals pony ponies goat goats sheep pig pigs
medication: medicament medicaments medication pilule pilules pharmacie pharmacien prescription ordonnance insuline inhalateur inhalateurs ventolin coutu pharmaprix uniprix familiprix brunet proxim advil tylenol motrin ibuprofene acetaminophene aspirine | medication medications medicine medicines meds pill pills pharmacy pharmacist prescription prescriptions insulin inhaler inhalers puffer puffers ventolin advil tylenol motrin ibuprofen acetaminophen aspirin
health: sante =medical =medicale =medicales =medicaux medecin docteur malade maladie coeur clinique infirmiere soins rougeurs irritation infection plaie gorge =enceinte =enceintes grossesse =boutons | health =medical heart doctor sick illness ill clinic nurse care rash infection wound itchy throat pregnant pregnancy
hospital: hopital hopitaux =icu hospitalise hospitalisee hospitalises hospitalisees hospitalisation | hospital hospitals =er =icu hospitalized hospitalised hospitalization hospitalisation
school: =cours ecole ecoles classe classes scolaire eleve eleves cegep universite garderie | school schools class classes student students college university daycare classmate classmates
car: voiture voitures vehicule vehicules auto autos automobile camion roulotte roulottes | car cars vehicle vehicles auto truck trailer trailers camper campers rv
park: =stationner =stationnement =stationnements =stationne =stationnee =stationnes =stationnees =stationnez =garer =garez =garee =garees | park parking parked
garbage: debris dechet dechets ordures =vidanges collecte encombrant encombrants poubelle poubelles rebuts jeter =bac =bacs | debris garbage waste trash pickup junk rubbish throw dump =bin =bins
recycling: recyclage recyclable recyclables compost | recycling recyclable recyclables compost
mould: moisissure moisissures =moisi =moisie champignon | mould mold mildew mouldy moldy
pump: pompe pompes pomper pompage | pump pumps pumping sump
basement: soussol soussols cave | basement basements cellar downstairs
clean: nettoyer nettoyage desinfecter desinfection laver vadrouille frotter javel | clean cleaning cleanup disinfect disinfecting wash mop mopping scrub bleach
digestive: ventre estomac diarrhee gastro gastroenterite nausee nausees vomir vomissement vomissements crampes | stomach belly tummy diarrhea diarrhoea nausea nauseous vomit vomiting cramps gastro
volunteer: benevole benevoles benevolat | volunteer volunteers volunteering
donate: =don =dons =donner donation donations | donate donation donations donating
relative: famille proche proches parent parents frere soeur =fille =filles pere mere grandmere grandpere oncle tante cousin conjoint conjointe =mari =maris epoux epouse =garcon =garcons | family relative relatives brother sister son daughter father mother grandmother grandfather uncle aunt cousin husband wife spouse partner 
find: trouver retrouver localiser recherche joindre rejoindre fouiller fouille | find locate whereabouts search reach searcher searchers
phone: appeler telephoner telephone numero ligne cellulaire courriel courriels iphone vocale | call phone number line hotline cellphone cell email emails iphone voicemail
alert: alerte alertes notification notifications avis avertissement avertissements texto textos infolettre abonner abonnement message | alert alerts notification notifications notify text texts subscribe subscription advisory advisories notice notices warning warnings
return: retour retourner rentrer revenir reintegrer reintegration | return returning back
home: maison domicile residence chez demeure propriete chalet appartement logement condo | home house residence property cottage cabin apartment condo
safe: securitaire securite dangereux risque risques =grave =graves | safe safety unsafe dangerous risk risks hazard hazardous serious
mobility: mobilite fauteuil =roulant =roulante handicap handicape marchette deambulateur oxygene | mobility wheelchair disabled disability walker oxygen
food: nourriture repas manger mangeable mangeables comestible comestibles bouffe epicerie provisions souper diner dejeuner collation =conserves sandwich sandwichs muffin muffins | food meal meals eat eating groceries grocery supper dinner lunch breakfast snack =canned sandwich sandwiches muffin muffins coffee edible
level: niveau niveaux hauteur debit baisser baisse redescendre descendre decrue =monter =monte =montee =montees =montent =montera =montait =pointe | level levels height gauge recede receding peak crest drop
flood: inondation inondations inonde inondee inondes crue crues debordement | flood floods flooding flooded overflow
respiratory: asthme asthmatique asthmatiques emphyseme mpoc bronchite respiratoire respiratoires poumons pulmonaire | asthma asthmatic copd emphysema bronchitis respiratory lung lungs
noise: bruit bruits | noise noises sound sounds creaking
oil: petrole huile huiles hydrocarbure hydrocarbures mazout | oil petroleum hydrocarbon hydrocarbons
business: commerce commerces commercant commercants entreprise entreprises magasin magasins boutique boutiques =restaurant =restaurants depanneur depanneurs | =business =businesses =store =stores shop shops =restaurant =restaurants merchant merchants
explosion: explosion explosions exploser explose =detonation boum =bang | explosion explosions explode exploded exploding blast bang
fire: feu feux incendie incendies brule flammes | fire fires wildfire wildfires blaze flames burn burning bonfire campfire
smoke: fumee fumees boucane | smoke smoky
air: air respirer respiration | air breathe breathing
mental: stress stresse stressee stresses stressant peur anxiete angoisse detresse psychologique psychologue moral deprime deprimee cauchemar ecoute terrifie terrifiee effraye traumatise =boutte panique paniquer paniquent anxieux anxieuse insomnie sursaute sursauter sursauts pleure pleurer pleurent pleurs flashback flashbacks | scared afraid terrified trauma traumatized nightmares stress anxiety anxious mental distress psychological depressed depression coping counselling counseling counselor counsellor therapist psychologist =exhausted overwhelmed panic panics panicking insomnia jumpy startle startled cry crying cries flashback flashbacks
child: enfant enfants bebe bebes ado ados adolescent =nourrisson =nourrissons poupon | child children kid kids baby babies teen teenager toddler toddlers infant infants newborn diaper diapers
elderly: aine aines agee agees vieux vieille | elderly senior seniors aged
tax: taxe taxes impot impots =fonciere | tax taxes
cost: gratuit gratuite gratuits couter cout frais prix payer depense depenses depenser | free cost costs fee fees price pay spend spent spending expense expenses paid
register: inscrire inscription enregistrer enregistrement | register registration enrol
work: travail emploi employeur patron travailler salaire salaires =revenu =revenus chomage | work job employer boss working income wage wages salary =revenue unemployment
tenant: locataire locataires proprietaire loyer bail | tenant tenants landlord rent lease
permit: permis autorisation | permit permits authorization
document: papiers document documents identite passeport | documents papers identification passport =file =files =filed =filing
clothes: =vetement =vetements linge =couvertures manteau manteaux mitaines tuque tuques =bobettes pyjama pyjamas pantoufles chaussettes souliers =bottes | clothes clothing blanket blankets coat coats jacket jackets mittens underwear pajamas pyjamas slippers socks shoes boots bathrobe bathrobes
hygiene: hygiene savon shampoing shampooing dentifrice deodorant | hygiene toiletries soap shampoo toothbrush toothbrushes toothpaste deodorant
laundry: lavage laveuse laveuses secheuse secheuses buanderie lessive | laundry laundromat washer washers dryer dryers
charge: recharger charger | charge charging
heat: chaleur canicule climatisation climatiseur clim rafraichissement | heat heatwave cooling airconditioning ac
cold: froid verglas gel glacial glaciale glaciales glaciaux | cold ice freezing frigid
heating: chauffage chauffer chaufferette chaufferettes poele poeles | =heating =warm =heater =heaters
generator: generatrice generatrices | generator generators
gas: gaz propane essence carburant | gas propane gasoline fuel
chemical: chimique chimiques toxique toxiques toxine toxines fuite deversement contamination | chemical chemicals toxic toxin toxins leak spill contamination
confine: confinement confiner confine calfeutrer | shelter-in-place lockdown confinement
mask: masque masques | mask masks respirator
vaccine: vaccin vaccins tetanos | vaccine vaccines tetanus shot
sewer: septique fosse toilette toilettes refoule refoulement egout egouts | septic toilet toilets sewer sewage backup
well: puits | =well =wells
dike: digue digues | dike dikes
arrange: =placer =placez =poser =posez empiler empile disposer | stack stacking stacked =lay =laying
prepare: preparer preparation preparatifs | prepare preparing preparation ready prep
tide: =maree =marees | tide tides surge
restore: retabli retablie retablir retablissement =restored =remet =remettre =remettent =remettra | =restore restoration =restored reconnected
cyber: cyberattaque cyberattaques piratage pirate pirates pirater hacker hackers | cyberattack cyberattacks hack hacked hacking hacker hackers
carrier: fournisseur fournisseurs videotron telus rogers fido koodo =bell | carrier carriers =provider =providers telco
wet: mouille mouillee mouilles mouillees trempe trempee trempes trempees detrempe | wet soaked soaking drenched damp
map: carte cartes plan | map maps
zone: zone zones secteur secteurs quartier quartiers | zone zones area areas sector neighbourhood district
mandatory: obligatoire obligatoires oblige forcer | mandatory compulsory forced obliged
bring: apporter amener emporter emmener trousse valise | bring pack kit suitcase
transport: transport navette =taxi =taxis lift | transport transportation shuttle ride =taxi =taxis lift
bus: autobus bus | bus buses
access: acces entrer barrage | access enter checkpoint checkpoints roadblock roadblocks =pass
update: information informations =nouvelles briefing | information update updates news briefing latest
duration: =durer =dure =durera =durent =durait =dureront longtemps duree | long last duration
lifted: =leve =levee =levees =lever =levera =leves =finir =finit =fini =finie =finis =finira =finissent =terminer =termine =terminee =terminera | =lifted =lifting =end =ends =ended =finish =finished =finishes
mail: courrier =poste =postes postal postale facteur factrice colis | mail postal mailman postman mailmen parcel parcels package packages
help: aide aider assistance soutien depanner | help assistance support assist
river: riviere fleuve lac ruisseau | river lake creek stream
shore: rive rives berge berges greve rivage littoral =bord | shore shores shoreline riverbank waterfront
rain: pluie pleuvoir precipitations orage | rain raining storm rainfall
wind: =vent =vents tempete ouragan tornade venteux rafale rafales bourrasque bourrasques | wind winds hurricane tornado windy gust gusts
tree: arbre arbres branche branches erable erables chene chenes bouleau bouleaux saule saules peuplier peupliers orme ormes epinette epinettes sapin sapins tronc souche | tree trees branch branches maple maples oak oaks birch birches willow willows poplar poplars elm elms spruce trunk stump
internet: internet wifi web enligne siteweb | internet wifi network web online website =router =routers =modem
bank: banque caisse cheque cheques | bank cheque cheques check
furniture: meubles meuble sofa divan canape matelas electromenagers | furniture couch sofa mattress appliances
drywall: gypse placoplatre | drywall gyproc plasterboard sheetrock
foundation: fondation fondations solage | foundation foundations
belongings: =effets =biens =affaires bagages objets ordinateur ordinateurs portefeuille sacoche bijoux | belongings stuff possessions luggage valuables laptop laptops computer computers wallet purse jewellery jewelry
retrieve: recuperer =oublie =oubliee =oublies =oubliees oublier | retrieve grab fetch forgot forgotten
escort: escorte escorter escortes accompagner accompagnement | escort escorted accompany accompanied
boat: bateau bateaux chaloupe embarcation embarcations canot zodiac voilier voiliers ponton pontons motomarine motomarines | boat boats canoe dinghy sailboat sailboats yacht yachts pontoon pontoons jetski seadoo
water_heater: chauffe-eau chauffeeau fournaise | furnace boiler
indoors: interieur dedans | inside indoors indoor
eye: yeux oeil | eye eyes
window: fenetre fenetres vitre vitres | window windows glass
door: =porte =portes | door doors
cough: toux tousser tousse toussent | cough coughing coughs
receipt: facture factures | receipt receipts invoice invoices bill bills
cloud: nuage nuages panache | cloud clouds plume
fridge: frigo frigidaire refrigerateur congelateur congelateurs congelo | fridge refrigerator freezer freezers
rail: ferroviaire ferroviaires rail rails wagon wagons =track | railway railroad rail rails tracks railcar railcars
office: bureau bureaux | office offices
victim: sinistre sinistres sinistree sinistrees victime victimes | victim victims
yard: terrain =cour cabanon balcon balcons | yard backyard driveway shed lawn balcony balconies
fence: cloture clotures | fence fences
garden: jardin jardins potager potagers legumes plates-bandes fleurs plantes tomate tomates laitue concombre concombres carotte carottes =fraise =fraises framboise framboises | garden gardens gardening vegetable vegetables flowers plants tomato tomatoes lettuce cucumber cucumbers carrot carrots strawberry strawberries raspberry raspberries
hydrate: hydrater hydratation deshydrate deshydratee deshydratation liquides | hydrate hydrated hydration dehydrated dehydration fluids
infant_feeding: allaiter allaitement allaite biberon biberons | breastfeed breastfeeding breastfed formula
exercise: exercice exercices entrainement jogging sport sports | exercise exercising workout jogging jog sport sports
crack: fissure fissures fissurer fissuree lezarde lezardes craque craques craquement craquements | crack cracks cracked cracking
lean: pencher penche penchent penchee incline inclinee | lean leaning leans tilt tilting tilted
slope: talus pente pentes falaise escarpement | slope slopes embankment bluff cliff hillside
damage: dommage dommages degats endommage endommagee endommages bris trou trous | damage damaged damages hole holes
abuse: violence violences abus abusif abusive agression agresse agressee agresseur harcelement harceleur | violence abuse abused abusive abuser assault assaulted harassment harassed stalker stalking
ambulance: ambulance ambulances ambulancier ambulanciers ambulanciere ambulancieres paramedic paramedics | ambulance ambulances paramedic paramedics
swim: baignade baignades baigner baigne baignent nager natation piscine piscines | swim swimming swimmer swimmers pool pools
snow_removal: deneigement deneiger deneige deneigee deneigees charrue charrues souffleuse souffleuses | plow plows plowing plowed snowplow snowplows snowblower snowblowers
collapse: effondrement effondrements effondre effondree effondrees effondres effondrer ecroule ecroulee ecroules ecroulement ecrouler =lache =lachee =laches | collapse collapsed collapses collapsing
missing: disparu disparue disparus disparues disparition disparitions | =missing disappeared disappearance
test: analyse analyser analyses echantillon echantillons tester teste testee testes testees | test tested testing sample samples analysis
casualty: mort morts morte mortes deces decede decedes blesse blesses blessee blessees blessure blessures | dead death deaths died =killed injured injury injuries hurt casualties fatalities
scam: arnaque arnaques arnaquer fraude fraudes frauduleux escroc escrocs escroquerie | scam scams scammer scammers fraud fraudulent
roof: toit toits toiture toitures bardeau bardeaux | roof roofs roofing shingle shingles
tarp: bache baches | tarp tarps tarpaulin
building: batiment batiments immeuble immeubles structure structures structurel structurelle | building buildings structure structures structural
inspection: inspection inspections inspecter inspecteur inspecteurs | inspection inspections inspect inspected inspector inspectors
repair: reparer reparation reparations renovation renovations renover | repair repairs repaired =fix =fixes =fixed =fixing renovate renovation renovations
contractor: entrepreneur entrepreneurs couvreur couvreurs | contractor contractors roofer roofers subcontractor subcontractors
quake: seisme seismes =tremblement =tremblements secousse secousses trembler =tremble =tremblait retrembler sismique | earthquake earthquakes quake quakes tremor tremors =shaking =shake =shakes =shook seismic
chimney: cheminee cheminees foyer foyers ramoneur ramonage ramoner | chimney chimneys fireplace fireplaces sweep
rock: roche roches pierre pierres roc rocher rochers cailloux eboulis debouler deboule deboulent | rock rocks boulder boulders stone stones rockfall
masonry: brique briques beton ciment | brick bricks concrete cement masonry
photo: photo photos photographier photographie photographies video videos filmer filme filmee filmes camera cameras | photo photos picture pictures photograph photographs pic pics video videos footage =film =filmed =filming camera cameras
trail: sentier sentiers | trail trails hiking
shower: douche douches doucher | shower showers showering
smell: odeur odeurs =sent =pue =puent =puer | smell smells smelling smelled odour odor odours odors stink stinks reek reeks
pipe: tuyau tuyaux tuyauterie canalisation canalisations =conduite =conduites | pipe pipes piping pipeline pipelines
excavator: pepine pepines excavatrice excavatrices retrocaveuse | excavator excavators backhoe backhoes digger
relight: rallumer rallume redemarrer redemarre | relight relit restart restarted reignite
breach: rupture ruptures =ceder =cede =cedera | breach breached breaching burst bursting
habitable: =habitable =inhabitable =habitables =inhabitables | livable unlivable habitable uninhabitable liveable unliveable
weather: meteo temperature temperatures humidex | weather temperature temperatures humidex
drone: drone drones | drone drones uav dji
equipment: equipement equipements materiel | equipment gear
meet: rassemblement rassembler reunion reunions seance seances assemblee assemblees | meet meeting gather gathering session sessions
immune: immunosupprime immunosupprimee immunosupprimes chimio chimiotherapie greffe greffes greffee cancer | immunocompromised immunosuppressed chemo chemotherapy transplant transplants cancer
fever: fievre fievres | fever fevers feverish
travel: voyage voyages voyager avion etranger | travel travelling traveling trip trips flight flights plane abroad
event: evenement evenements spectacle spectacles tournoi tournois festival festivals | event events tournament tournaments festival festivals
police: police policier policiers policiere policieres flic flics patrouille patrouilleur patrouilleurs gendarmerie swat tactique | police cop cops =officer =officers policeman policemen policewoman swat rcmp trooper troopers tactical
weapon: arme armes fusil fusils pistolet pistolets carabine carabines tireur tireurs tireuse fusillade fusillades =tir =tirs balle balles douille douilles munition munitions | gun guns weapon weapons armed gunman gunmen shooter shooters shooting shootings gunfire gunshot gunshots bullet bullets rifle rifles pistol pistols firearm firearms ammunition ammo
social_media: facebook fb insta instagram tiktok twitter snapchat | facebook fb insta instagram tiktok twitter snapchat
press: journaliste journalistes =presse | press journalist journalists =reporter =reporters
investigation: enquete enquetes enqueteur enqueteurs | investigation investigations investigator investigators inquiry
symptom: symptome symptomes =signes | symptom symptoms =signs
insect: moustique moustiques maringouin maringouins bibitte bibittes brulot brulots insecte insectes | mosquito mosquitoes mosquitos insect insects blackflies
repellent: chassemoustique chassemoustiques antimoustique antimoustiques insectifuge insectifuges citronnelle deet icaridine | repellent repellents repellant citronella deet icaridin
bee: abeille abeilles ruche ruches apiculteur apiculteurs apicultrice apicultrices pollinisateur pollinisateurs | bee bees hive hives beekeeper beekeepers pollinator pollinators
candle: chandelle chandelles bougie bougies lampion lampions | candle candles candlelight candlelit
outdoors: exterieur exterieure exterieurs exterieures dehors | outdoor outdoors outside
bite: mordre mordu mordue mordus mordues morsure morsures =mord =mordent =mordait piqure piqures piquer pique piques piquee piquees | bite bites bitten biting nipped sting stings stung
scratch: griffer griffe griffee griffes griffure griffures egratignure egratignures egratigne egratignee | scratch scratched scratches scratching
fight: bataille batailles =battu =battue =battus =attaque =attaquer =attaquee =attaques | fight fights fought fighting attack attacked attacking attacks
fish: poisson poissons perchaude perchaudes truite truites saumon moules huitre huitres homard homards crabe crabes crevette crevettes crustace crustaces mollusque mollusques peche pecher | fish fishing perch trout walleye salmon mussel mussels oyster oysters lobster lobsters crab crabs shrimp shellfish seafood crustacean crustaceans
";

/// A concept id: an index into the table of groups.
pub type Concept = u16;

struct Lexicon {
    /// Stem → concept, French and English apart.
    fr: FxHashMap<String, Concept>,
    en: FxHashMap<String, Concept>,
    /// Folded word → concept, for the words listed `=word`: looked up
    /// before the stems.
    words_fr: FxHashMap<&'static str, Concept>,
    words_en: FxHashMap<&'static str, Concept>,
    names: Vec<&'static str>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut fr_map = FxHashMap::default();
    let mut en_map = FxHashMap::default();
    let mut words_fr = FxHashMap::default();
    let mut words_en = FxHashMap::default();
    let mut names = Vec::new();
    for line in GROUPS.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (name, words) = line.split_once(':').expect("every group line is `name: fr | en`");
        let (fr, en) = words.split_once('|').expect("every group line is `name: fr | en`");
        let concept = Concept::try_from(names.len()).expect("fewer than 65,536 concepts");
        names.push(name.trim());
        for (lang, list) in [(Lang::Fr, fr), (Lang::En, en)] {
            for word in list.split_whitespace() {
                // The first group to claim a stem or a word keeps it.
                if let Some(exact) = word.strip_prefix('=') {
                    let map = if lang == Lang::Fr { &mut words_fr } else { &mut words_en };
                    map.entry(exact).or_insert(concept);
                } else {
                    let map = if lang == Lang::Fr { &mut fr_map } else { &mut en_map };
                    map.entry(stem(lang, word)).or_insert(concept);
                }
            }
        }
    }
    Lexicon { fr: fr_map, en: en_map, words_fr, words_en, names }
});

/// The concept of a token (its folded word, then its stems).
pub fn concept_of_token(token: &Token, hint: Option<Lang>) -> Option<Concept> {
    concept_of(&token.word, &token.stem_fr, &token.stem_en, hint)
}

/// The concept of a folded word, given its stems in both languages. `hint`
/// is the language to try first (the text's, when known).
pub fn concept_of(word: &str, stem_fr: &str, stem_en: &str, hint: Option<Lang>) -> Option<Concept> {
    let lexicon = &*LEXICON;
    let fr = || lexicon.words_fr.get(word).or_else(|| lexicon.fr.get(stem_fr)).copied();
    let en = || lexicon.words_en.get(word).or_else(|| lexicon.en.get(stem_en)).copied();
    match hint {
        Some(Lang::En) => en().or_else(fr),
        Some(Lang::Fr) => fr().or_else(en),
        None => fr().or_else(en),
    }
}

/// Whether "sent" in a text is no smell: someone feels ("elle se sent
/// mal"), or the text is English ("they sent a text").
pub fn sent_is_no_smell(text: &Normalized, lang: Option<Lang>) -> bool {
    lang == Some(Lang::En)
        || text.tokens.windows(2).any(|w| matches!(w[0].word.as_str(), "se" | "s") && w[1].word == "sent")
}

/// A token's concept in its text (`no_smell`: [`sent_is_no_smell`] of that
/// text): "ça sent le gaz" smells.
pub fn concept_in(token: &Token, hint: Option<Lang>, no_smell: bool) -> Option<Concept> {
    if no_smell && token.word == "sent" {
        return None;
    }
    concept_of_token(token, hint)
}

/// Whether a concept's words often name streets and places ("rue des
/// Saules", "boulevard des Érables"): after "rue" they are a name.
pub fn names_places(concept: Concept) -> bool {
    concept_name(concept) == "tree"
}

pub fn concept_by_name(name: &str) -> Option<Concept> {
    LEXICON.names.iter().position(|n| *n == name).map(|i| i as Concept)
}

pub fn concept_name(concept: Concept) -> &'static str {
    LEXICON.names[usize::from(concept)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::normalize::tokenize;

    /// The concept of the last word of `text`, read in `lang`.
    fn concept_of_word(text: &str, lang: Lang) -> Option<&'static str> {
        concept_of_token(tokenize(text).tokens.last()?, Some(lang)).map(concept_name)
    }

    #[track_caller]
    fn same(a: &str, b: &str) {
        let ta = &tokenize(a).tokens[0];
        let tb = &tokenize(b).tokens[0];
        let ca = concept_of_token(ta, None);
        let cb = concept_of_token(tb, None);
        assert!(ca.is_some() && ca == cb, "{a} ({ca:?}) vs {b} ({cb:?})");
    }

    #[test]
    fn synonyms_across_languages_and_registers() {
        same("refuge", "shelter");
        same("hébergement", "shelter");
        same("médicaments", "pills");
        same("char", "véhicule");
        same("évacués", "evacuated");
        same("hurt", "injured");
        same("manteaux", "clothes");
        same("pépine", "backhoe");
        same("tuyau", "pipe");
        same("rallumer", "restart");
        same("congélateur", "fridge");
        same("toxines", "toxic");
        same("rupture", "burst");
        same("moisissures", "mold");
        same("bénévoles", "volunteering");
        same("intérieur", "indoors");
        same("yeux", "eye");
        same("clim", "AC");
        same("factures", "receipts");
        same("potager", "vegetables");
        same("humidex", "météo");
        same("allaitement", "breastfeeding");
        same("finit", "lifted");
        // A police operation: officers, weapons, what is posted, the mail.
        same("policiers", "cops");
        same("fusillade", "gunfire");
        same("douilles", "bullets");
        same("tiktok", "facebook");
        same("filmer", "videos");
        same("facteur", "parcel");
        same("enquête", "investigators");
        same("clôture", "fence");
        same("facture", "bill");
        // A search: drones, gear, a meeting point, food brought, money raised.
        same("dji", "drone");
        same("équipement", "gear");
        same("rassemblement", "meeting");
        same("muffins", "sandwiches");
        same("gofundme", "argent");
        same("caméra", "photos");
        same("husky", "chien");
        // An outbreak: the immunocompromised, a fever, travel, an event;
        // spots on the skin, not parking spots, and pimples, not buttons.
        assert_eq!(concept_of_word("parking spots", Lang::En), None);
        assert_eq!(concept_of_word("le bouton", Lang::Fr), None);
        same("chimio", "transplant");
        same("fièvre", "fever");
        same("voyager", "flight");
        same("tournoi", "festival");
        same("tylenol", "médicaments");
        assert_eq!(concept_of_word("the ER", Lang::En), Some("hospital"));
        // Immunity is being protected, not immunocompromised; to fly a
        // drone is no trip, a symptom that shows up no show.
        assert_eq!(concept_of_word("immunité", Lang::Fr), None);
        assert_eq!(concept_of_word("can I fly", Lang::En), None);
        assert_eq!(concept_of_word("when do symptoms show", Lang::En), None);
        same("roulottes", "trailers");
        // A reporter; to report something is not the press.
        same("journaliste", "reporter");
        assert_eq!(concept_of_word("where do I report", Lang::En), None);
        // The post office is the mail; to post a video is not.
        same("poste", "mail");
        assert_eq!(concept_of_word("can I post", Lang::En), None);
        // Not medication, whose English stem "medical" shares.
        same("medical", "santé");
        same("médicaux", "health");
        // Stems shared with another word's: a harbour is no door, a landline no
        // repair, a router no road, a station no parking.
        same("cours", "école");
        same("revenus", "income");
        assert_eq!(concept_of_word("router", Lang::En), Some("internet"));
        same("terminé", "ended");
        // Things one goes back for are belongings.
        same("ordinateur", "laptop");
        same("portefeuille", "belongings");
        same("courant", "power");
        same("fils", "wires");
        // A queue ("la file au centre") is no wire.
        assert_ne!(concept_of_word("file", Lang::Fr), Some("electrical"));
        same("providers", "carrier");
        same("glaciale", "cold");
        same("chaufferette", "heater");
        same("dort", "sleep");
        same("rebate", "remboursement");
        // Wellness calls are no water well ("wellness" stems to "well").
        assert_ne!(concept_of_word("wellness", Lang::En), Some("well"));
        same("well", "puits");
        // Québec's "vidanges" are the garbage; a "vidange" empties a septic
        // tank.
        same("vidanges", "ordures");
        assert_ne!(concept_of_word("vidange", Lang::Fr), Some("garbage"));
        // Being made whole, crying, a stink, power put back.
        same("dédommagé", "compensation");
        same("pleure", "anxiety");
        same("pue", "smell");
        same("sent", "odeur");
        same("remet", "restored");
        same("reboire", "drink");
        // A bridge, a dam, a roof that "a lâché" gave way; the missing; a
        // swim; "mes affaires" are one's things. A bath is no swim.
        same("lâché", "effondré");
        same("collapsed", "écroulé");
        same("disparues", "missing");
        same("baigner", "baignade");
        same("swimming", "nager");
        same("affaires", "belongings");
        assert_ne!(concept_of_word("bath", Lang::En), Some("swim"));
        same("abusif", "violence");
        // Winds and storms are "violents" too: no one abused.
        assert_ne!(concept_of_word("vents violents", Lang::Fr), Some("abuse"));
        same("ambulanciers", "paramedics");
        // A bridge is a bridge, not a road: in a bridge's collapse every
        // entry says it, and a road's closure is another question.
        same("pont", "bridge");
        assert_ne!(concept_of_word("pont", Lang::Fr), Some("road"));
        // A bus runs a route; a shuttle, a taxi, a lift are another ride.
        same("autobus", "buses");
        assert_ne!(concept_of_word("autobus", Lang::Fr), Some("transport"));
        // A hospital is a place to go or to visit, not health itself.
        same("hôpital", "hospital");
        assert_ne!(concept_of_word("hopital", Lang::Fr), Some("health"));
    }

    #[test]
    fn it_smells_in_french_unless_someone_feels() {
        let smell = concept_by_name("smell");
        let sent = |text: &str, lang| {
            let message = tokenize(text);
            let token = message.tokens.iter().find(|t| t.word == "sent").expect("sent");
            concept_in(token, lang, sent_is_no_smell(&message, lang))
        };
        assert_eq!(sent("ça sent le gaz dans la cuisine", Some(Lang::Fr)), smell);
        assert_eq!(sent("mon eau de puits sent le pétrole", None), smell);
        assert_eq!(sent("ma mère se sent pas bien", Some(Lang::Fr)), None);
        assert_eq!(sent("the school sent a text", Some(Lang::En)), None);
    }

    #[test]
    fn the_cold_outside_is_not_the_heating_nor_a_battery_a_charge() {
        // "Ce frette-là va-tu finir" is about the weather, not the warming
        // centres' "warm up"; "charge my phone" is no car battery.
        assert_ne!(concept_of_word("froid", Lang::Fr), concept_of_word("chauffage", Lang::Fr));
        assert_ne!(concept_of_word("cold", Lang::En), concept_of_word("warm", Lang::En));
        assert_ne!(concept_of_word("battery", Lang::En), concept_of_word("charge", Lang::En));
        assert_ne!(concept_of_word("batterie", Lang::Fr), concept_of_word("recharger", Lang::Fr));
    }

    #[test]
    fn common_words_are_not_caught_by_another_words_stem() {
        for word in [
            "bien", "passe", "pris", "mois", "jour", "vente", "coup", "allowed", "fill", "done", "point", "fin",
            "fines", "port", "fixe", "station", "gare", "mont", "marie", "nourrir", "dur",
            // Running is no current, providing no phone company, a water or
            // road network ("réseau") no Internet.
            "courir", "provide", "réseau",
        ] {
            let t = &tokenize(word).tokens[0];
            let found = concept_of_token(t, None).map(concept_name);
            assert_eq!(found, None, "{word}");
        }
        same("cour", "backyard");
        same("taxes", "tax");
        same("taxi", "transport");
        same("biens", "belongings");
        same("part", "evacuate");
    }

    #[test]
    fn mosquitoes_bites_repellents_bees_and_farm_animals() {
        same("maringouins", "mosquitoes");
        same("piqûre", "bite");
        same("chassemoustique", "repellent");
        same("abeilles", "pollinators");
        same("jument", "horse");
        same("chèvres", "goats");
        same("rafales", "wind");
        same("hospitalisé", "hospital");
        same("tomates", "garden");
        same("séance", "meeting");
        same("symptômes", "signs");
        // Bug spray and unemployment benefits, once rewritten.
        assert_eq!(concept_of_word("what bug spray", Lang::En), Some("repellent"));
        assert_eq!(concept_of_word("l'assurance-emploi", Lang::Fr), Some("work"));
        assert_eq!(concept_of_word("employment insurance", Lang::En), Some("work"));
        // Signing up is no sign of illness.
        assert_eq!(concept_of_word("how do I sign", Lang::En), None);
    }

    #[test]
    fn every_listed_word_belongs_to_its_own_group() {
        // Two groups claiming one stem would silently merge meanings
        // ("housing" under shelter taking "house" from home).
        let mut clashes = Vec::new();
        for line in GROUPS.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (name, words) = line.split_once(':').unwrap();
            let (fr, en) = words.split_once('|').unwrap();
            for (lang, list) in [(Lang::Fr, fr), (Lang::En, en)] {
                for word in list.split_whitespace() {
                    let owner = if let Some(exact) = word.strip_prefix('=') {
                        let map = if lang == Lang::Fr { &LEXICON.words_fr } else { &LEXICON.words_en };
                        concept_name(map[exact])
                    } else {
                        let map = if lang == Lang::Fr { &LEXICON.fr } else { &LEXICON.en };
                        concept_name(map[&stem(lang, word)])
                    };
                    if owner != name.trim() {
                        clashes.push(format!("{word} ({lang:?}) in {name} belongs to {owner}"));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }
}
