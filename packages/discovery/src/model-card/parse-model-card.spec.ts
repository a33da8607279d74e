import { describe, expect, it } from '@jest/globals';
import { ModelCardError, parseModelCard } from './parse-model-card.js';
import { MAX_MODEL_CARD_LENGTH, modelCardDraftSchema } from './schema.js';

// Front matter as published on huggingface.co (trimmed of long model-index results), followed by a line of body.
const QWEN = `---
license: apache-2.0
license_link: https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/LICENSE
language:
- en
pipeline_tag: text-generation
base_model: Qwen/Qwen2.5-7B
tags:
- chat
library_name: transformers
---

# Qwen2.5-7B-Instruct

- Number of Parameters: 7.61B
- Number of Paramaters (Non-Embedding): 6.53B
`;

const DEEPSEEK_R1 = `---
license: mit
library_name: transformers
---
# DeepSeek-R1
`;

const LLAMA = `---
language:
- en
- de
- fr
- it
- pt
- hi
- es
- th
license: llama3.1
base_model: meta-llama/Meta-Llama-3.1-8B
pipeline_tag: text-generation
tags:
- facebook
- meta
- pytorch
- llama
- llama-3
extra_gated_prompt: "### LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\\nLlama 3.1 Version Release Date: July 23, 2024"
extra_gated_fields:
  First Name: text
  Last Name: text
  Date of birth: date_picker
  Country: country
---
## Model Information
`;

const GEMMA = `---
license: gemma
library_name: transformers
pipeline_tag: text-generation
extra_gated_heading: Access Gemma on Hugging Face
extra_gated_prompt: >-
  To access Gemma on Hugging Face, you're required to review and agree to
  Google's usage license.
extra_gated_button_content: Acknowledge license
---
# Gemma 2 model card
`;

const BLOOM = `---
license: bigscience-bloom-rail-1.0
language:
- ak
- ar
- as
- zh
- zu
programming_language:
- C
- Python
pipeline_tag: text-generation
widget:
- text: 'A "whatpu" is a small, furry animal native to Tanzania.'
  example_title: Imaginary word
model-index:
- name: bloom
  results:
  - task:
      type: text-generation
    dataset:
      type: openai_humaneval
      name: humaneval
    metrics:
    - name: pass@1
      type: pass@1
      value: 0.15542682926829265
      verified: false
---
# BLOOM LM
`;

const MISTRAL = `---
license: apache-2.0
base_model: mistralai/Mistral-7B-v0.3
extra_gated_description: If you want to learn more about how we process your personal data, please read our <a href="https://mistral.ai/terms/">Privacy Policy</a>.
---

# Model Card for Mistral-7B-Instruct-v0.3
`;

const FINE_TUNE = `---
base_model: Qwen/Qwen2.5-7B-Instruct
base_model_relation: finetune
license: other
license_name: acme-model-license-v2
license_link: https://example.com/acme-license
datasets:
- HuggingFaceH4/ultrachat_200k
- argilla/distilabel-capybara-dpo-7k-binarized
language:
- en
- fr
pipeline_tag: text-generation
model_name: Acme-Support-7B
---
# Acme support assistant
`;

const GGUF = `---
base_model: meta-llama/Llama-3.2-3B-Instruct
language:
- en
library_name: transformers
license: llama3.2
pipeline_tag: text-generation
tags:
- llama-cpp
- gguf-my-repo
- gguf
- base_model:quantized:meta-llama/Llama-3.2-3B-Instruct
---
# bartowski/Llama-3.2-3B-Instruct-GGUF
`;

describe('parseModelCard', () => {
  it('reads Qwen2.5-7B-Instruct: SPDX license, base without a stated relation, stated parameter count', () => {
    expect(parseModelCard(QWEN, 'Qwen/Qwen2.5-7B-Instruct')).toEqual({
      fields: {
        familyName: 'Qwen2.5',
        versionName: 'Qwen2.5-7B-Instruct',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'Qwen/Qwen2.5-7B-Instruct',
        sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct',
        modelCardUrl: 'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct',
        parameterCount: 7_610_000_000,
        modalities: ['TEXT'],
        task: 'text-generation',
        declaredLicense: 'Apache-2.0',
      },
      providerName: 'Qwen (Alibaba Cloud)',
      cardLicense: 'apache-2.0',
      licenseLink: 'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/LICENSE',
      bases: [{ repo: 'Qwen/Qwen2.5-7B', relation: null }],
      languages: ['en'],
      datasets: [],
      tags: ['chat'],
      notes: [
        'The relation to the base model Qwen/Qwen2.5-7B is not stated: choose it when linking the base.',
        'The family name "Qwen2.5" is a guess from the model name: check it.',
      ],
    });
  });

  it('reads DeepSeek-R1: MIT, no task, no size in the name', () => {
    expect(parseModelCard(DEEPSEEK_R1, 'deepseek-ai/DeepSeek-R1')).toEqual({
      fields: {
        familyName: 'DeepSeek-R1',
        versionName: 'DeepSeek-R1',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'deepseek-ai/DeepSeek-R1',
        sourceUrl: 'https://huggingface.co/deepseek-ai/DeepSeek-R1',
        modelCardUrl: 'https://huggingface.co/deepseek-ai/DeepSeek-R1',
        declaredLicense: 'MIT',
      },
      providerName: 'DeepSeek',
      cardLicense: 'mit',
      licenseLink: null,
      bases: [],
      languages: [],
      datasets: [],
      tags: [],
      notes: [
        'The card has no pipeline_tag: fill in the task and modalities.',
        'The family name "DeepSeek-R1" is a guess from the model name: check it.',
      ],
    });
  });

  it('reads Llama-3.1-8B-Instruct: the catalog license id and eight languages', () => {
    const draft = parseModelCard(LLAMA, 'meta-llama/Llama-3.1-8B-Instruct');
    expect(draft).toEqual({
      fields: {
        familyName: 'Llama-3.1',
        versionName: 'Llama-3.1-8B-Instruct',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'meta-llama/Llama-3.1-8B-Instruct',
        sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
        modelCardUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
        parameterCount: 8_000_000_000,
        modalities: ['TEXT'],
        task: 'text-generation',
        declaredLicense: 'LicenseRef-Llama-3.1-Community',
      },
      providerName: 'Meta',
      cardLicense: 'llama3.1',
      licenseLink: null,
      bases: [{ repo: 'meta-llama/Meta-Llama-3.1-8B', relation: null }],
      languages: ['en', 'de', 'fr', 'it', 'pt', 'hi', 'es', 'th'],
      datasets: [],
      tags: ['facebook', 'meta', 'pytorch', 'llama', 'llama-3'],
      notes: [
        'The relation to the base model meta-llama/Meta-Llama-3.1-8B is not stated: choose it when linking the base.',
        'The family name "Llama-3.1" is a guess from the model name: check it.',
      ],
    });
  });

  it('reads gemma-2-9b-it: the Gemma terms', () => {
    expect(parseModelCard(GEMMA, 'google/gemma-2-9b-it')).toEqual({
      fields: {
        familyName: 'gemma-2',
        versionName: 'gemma-2-9b-it',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'google/gemma-2-9b-it',
        sourceUrl: 'https://huggingface.co/google/gemma-2-9b-it',
        modelCardUrl: 'https://huggingface.co/google/gemma-2-9b-it',
        parameterCount: 9_000_000_000,
        modalities: ['TEXT'],
        task: 'text-generation',
        declaredLicense: 'LicenseRef-Gemma-Terms',
      },
      providerName: 'Google (Google DeepMind)',
      cardLicense: 'gemma',
      licenseLink: null,
      bases: [],
      languages: [],
      datasets: [],
      tags: [],
      notes: ['The family name "gemma-2" is a guess from the model name: check it.'],
    });
  });

  it('reads BLOOM without a repository id: the RAIL license and the name from model-index', () => {
    expect(parseModelCard(BLOOM)).toEqual({
      fields: {
        familyName: 'bloom',
        versionName: 'bloom',
        modalities: ['TEXT'],
        task: 'text-generation',
        declaredLicense: 'LicenseRef-BigScience-RAIL-1.0',
      },
      providerName: null,
      cardLicense: 'bigscience-bloom-rail-1.0',
      licenseLink: null,
      bases: [],
      languages: ['ak', 'ar', 'as', 'zh', 'zu'],
      datasets: [],
      tags: [],
      notes: ['The family name "bloom" is a guess from the model name: check it.'],
    });
  });

  it('reads Mistral-7B-Instruct-v0.3: Apache-2.0 and its base', () => {
    expect(parseModelCard(MISTRAL, 'mistralai/Mistral-7B-Instruct-v0.3')).toEqual({
      fields: {
        familyName: 'Mistral',
        versionName: 'Mistral-7B-Instruct-v0.3',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'mistralai/Mistral-7B-Instruct-v0.3',
        sourceUrl: 'https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3',
        modelCardUrl: 'https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3',
        parameterCount: 7_000_000_000,
        declaredLicense: 'Apache-2.0',
      },
      providerName: 'Mistral AI',
      cardLicense: 'apache-2.0',
      licenseLink: null,
      bases: [{ repo: 'mistralai/Mistral-7B-v0.3', relation: null }],
      languages: [],
      datasets: [],
      tags: [],
      notes: [
        'The relation to the base model mistralai/Mistral-7B-v0.3 is not stated: choose it when linking the base.',
        'The card has no pipeline_tag: fill in the task and modalities.',
        'The family name "Mistral" is a guess from the model name: check it.',
      ],
    });
  });

  it('reads a fine-tune: stated relation, datasets, and an "other" license turned into a LicenseRef with a note', () => {
    expect(parseModelCard(FINE_TUNE, 'acme/Acme-Support-7B')).toEqual({
      fields: {
        familyName: 'Acme-Support',
        versionName: 'Acme-Support-7B',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'acme/Acme-Support-7B',
        sourceUrl: 'https://huggingface.co/acme/Acme-Support-7B',
        modelCardUrl: 'https://huggingface.co/acme/Acme-Support-7B',
        parameterCount: 7_000_000_000,
        modalities: ['TEXT'],
        task: 'text-generation',
        declaredLicense: 'LicenseRef-acme-model-license-v2',
      },
      providerName: 'acme',
      cardLicense: 'acme-model-license-v2',
      licenseLink: 'https://example.com/acme-license',
      bases: [{ repo: 'Qwen/Qwen2.5-7B-Instruct', relation: 'FINE_TUNE' }],
      languages: ['en', 'fr'],
      datasets: ['HuggingFaceH4/ultrachat_200k', 'argilla/distilabel-capybara-dpo-7k-binarized'],
      tags: [],
      notes: [
        'The license "acme-model-license-v2" is not a known id; LicenseRef-acme-model-license-v2 was made from its name (text: https://example.com/acme-license): check it against the license catalog.',
        'The owner "acme" is not a known provider: choose or create the provider.',
        'The family name "Acme-Support" is a guess from the model name: check it.',
      ],
    });
  });

  it('reads a quantized GGUF repository: the relation comes from the base_model:quantized tag', () => {
    const draft = parseModelCard(GGUF, 'bartowski/Llama-3.2-3B-Instruct-GGUF');
    expect(draft.bases).toEqual([{ repo: 'meta-llama/Llama-3.2-3B-Instruct', relation: 'QUANTIZATION' }]);
    expect(draft.fields).toEqual({
      familyName: 'Llama-3.2',
      versionName: 'Llama-3.2-3B-Instruct-GGUF',
      supplier: 'Hugging Face',
      distribution: 'OPEN_WEIGHTS',
      huggingFaceRepo: 'bartowski/Llama-3.2-3B-Instruct-GGUF',
      sourceUrl: 'https://huggingface.co/bartowski/Llama-3.2-3B-Instruct-GGUF',
      modelCardUrl: 'https://huggingface.co/bartowski/Llama-3.2-3B-Instruct-GGUF',
      parameterCount: 3_000_000_000,
      modalities: ['TEXT'],
      task: 'text-generation',
      declaredLicense: 'LicenseRef-Llama-3.2-Community',
    });
    expect(draft.notes).toEqual([
      'The owner "bartowski" is not a known provider: choose or create the provider.',
      'The family name "Llama-3.2" is a guess from the model name: check it.',
    ]);
  });

  it('takes the relation from a base_model:<relation> tag alone, and maps "other" with a known license_name', () => {
    const draft = parseModelCard(
      '---\nlicense: other\nlicense_name: qwen-research\ntags:\n- base_model:adapter:Qwen/Qwen2.5-3B\n---\n',
      'someone/qwen-lora',
    );
    expect(draft.bases).toEqual([{ repo: 'Qwen/Qwen2.5-3B', relation: 'ADAPTER' }]);
    expect(draft.fields.declaredLicense).toBe('LicenseRef-Qwen-Research');
  });

  it('maps the remaining Hugging Face license ids of the brief', () => {
    const licenseOf = (license: string) => parseModelCard(`---\nlicense: ${license}\n---\n`).fields.declaredLicense;
    expect(['cc-by-nc-4.0', 'openrail', 'deepseek', 'qwen', 'tongyi-qianwen', 'llama3', 'llama3.3'].map(licenseOf)).toEqual([
      'CC-BY-NC-4.0',
      'LicenseRef-OpenRAIL',
      'LicenseRef-DeepSeek-Model',
      'LicenseRef-Qwen',
      'LicenseRef-Qwen',
      'LicenseRef-Llama-3-Community',
      'LicenseRef-Llama-3.3-Community',
    ]);
  });

  it('reads a card without front matter: the repository id only, and a note', () => {
    expect(parseModelCard('# My model\n\nSome text.\n', 'acme/tiny-bert')).toEqual({
      fields: {
        familyName: 'tiny-bert',
        versionName: 'tiny-bert',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'acme/tiny-bert',
        sourceUrl: 'https://huggingface.co/acme/tiny-bert',
        modelCardUrl: 'https://huggingface.co/acme/tiny-bert',
      },
      providerName: 'acme',
      cardLicense: null,
      licenseLink: null,
      bases: [],
      languages: [],
      datasets: [],
      tags: [],
      notes: [
        'The card has no YAML front matter: license, base model, task and languages must be filled in by hand.',
        'The owner "acme" is not a known provider: choose or create the provider.',
        'The family name "tiny-bert" is a guess from the model name: check it.',
      ],
    });
  });

  it('refuses malformed YAML with a ModelCardError naming the line', () => {
    const card = '---\nlicense: apache-2.0\nlanguage: [en, fr\npipeline_tag: text-generation\n---\n# x\n';
    expect(() => parseModelCard(card)).toThrow(ModelCardError);
    expect(() => parseModelCard(card)).toThrow(/^The YAML front matter is not valid \(line \d+ of the card\): /);
  });

  it('refuses front matter that is not a mapping, and a card over the size limit', () => {
    expect(() => parseModelCard('---\n- a\n- b\n---\n')).toThrow(
      new ModelCardError('The YAML front matter must be a mapping of fields such as "license: apache-2.0".'),
    );
    expect(() => parseModelCard('x'.repeat(MAX_MODEL_CARD_LENGTH + 1))).toThrow(
      new ModelCardError(`The model card is longer than ${MAX_MODEL_CARD_LENGTH} characters.`),
    );
  });

  it('produces drafts the draft schema accepts', () => {
    for (const card of [QWEN, DEEPSEEK_R1, LLAMA, GEMMA, BLOOM, MISTRAL, FINE_TUNE, GGUF]) {
      expect(modelCardDraftSchema.safeParse(parseModelCard(card, 'org/name')).success).toBe(true);
    }
  });
});
