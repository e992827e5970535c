// PredictorQuality's one parameter: which threshold of the predictor's validation sweep is selected.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'PredictorQuality',
  tag: 'predictor-quality',
  urlKey: 'predictor',
  params: {
    step: {
      kind: 'int',
      min: 0,
      max: 19,
      label: 'Threshold on the predicted probability',
      doc: "index into the sweep's thresholds, lowest first (clamped to the sweep); default: nearest the predictor's own threshold",
      zh: {
        label: '预测概率的阈值',
        doc: '扫描中阈值的序号，从最低的开始（超出扫描时取最后一个）；默认：最接近预测器自身阈值的那个',
      },
    },
  },
  controls: ['chart'],
});
