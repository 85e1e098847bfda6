"""The French names of the cities where the program's forums meet, as the department writes them
(« Genève », « La Haye »): used by the data migration that fills Meeting.city_fr and by the demo
data. A city missing here keeps its name in both languages (Ottawa, Stockholm)."""

FRENCH_CITY_NAMES = {
    "Geneva": "Genève",
    "Copenhagen": "Copenhague",
    "Bern": "Berne",
    "The Hague": "La Haye",
    "Brussels": "Bruxelles",
    "London": "Londres",
    "Mexico City": "Mexico",
    "Panama City": "Panama",
    "Guatemala City": "Guatemala",
    "Santo Domingo": "Saint-Domingue",
    "Vienna": "Vienne",
    "Rome": "Rome",
    "Lisbon": "Lisbonne",
    "Athens": "Athènes",
    "Warsaw": "Varsovie",
    "Moscow": "Moscou",
    "Beijing": "Pékin",
    "Singapore": "Singapour",
    "Bangkok": "Bangkok",
}


def french_city(city: str) -> str:
    return FRENCH_CITY_NAMES.get(city, "")
