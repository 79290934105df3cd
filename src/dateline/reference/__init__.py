"""Reference data: facts the rest of dateline looks up, and no logic that reads text.

    geography   countries, their names, peoples and seats of government, and a gazetteer of places
    names       people's titles and the keys that tell their names apart (surname, given name)
    cameo/      the CAMEO/PLOVER codebook, the actor and verb dictionaries (ours and users' own), codes in words

Everything here is read from the tables in data/ (or pycountry's), once per process.
"""
